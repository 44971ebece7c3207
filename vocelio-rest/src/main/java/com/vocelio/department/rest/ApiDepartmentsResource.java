package com.vocelio.department.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The portal's path for the same resource (contract C1–C4). */
@Path("api/departments")
@RequestScoped
public class ApiDepartmentsResource extends DepartmentsResource {}
