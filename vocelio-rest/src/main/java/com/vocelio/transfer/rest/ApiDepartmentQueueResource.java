package com.vocelio.transfer.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The department queue under the portal's /api family. */
@Path("api/departments/{department}/queue")
@RequestScoped
public class ApiDepartmentQueueResource extends DepartmentQueueResource {}
