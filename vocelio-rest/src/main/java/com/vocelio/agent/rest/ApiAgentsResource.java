package com.vocelio.agent.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The same agents surface under the portal's {@code /api} family. */
@Path("api/agents")
@RequestScoped
public class ApiAgentsResource extends AgentsResource {}
