package com.vocelio.agent.rest;

import com.vocelio.agent.boundary.AgentFilter;
import com.vocelio.agent.boundary.AgentRequest;
import com.vocelio.agent.boundary.Agents;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Envelope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The seed's {@code /agents} surface; {@link ApiAgentsResource} serves it under {@code /api/agents} too. */
@Path("agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @Inject
    Agents agents;

    @GET
    public Envelope list(
            @QueryParam("department") String department,
            @QueryParam("status") String status,
            @QueryParam("skill") String skill,
            @QueryParam("language") String language) {
        var found = agents.list(new AgentFilter(department, status, skill, language)).stream()
                .map(AgentView::of)
                .toList();
        return Envelope.of("agents", found).with("total", found.size());
    }

    @GET
    @Path("{agent_id}")
    public Envelope get(@PathParam("agent_id") String agentId) {
        return Envelope.of("agent", AgentView.of(agents.get(agentId)));
    }

    @POST
    @Path("register")
    public Response register(AgentRequest request, @Context UriInfo uri) {
        var agent = AgentView.of(agents.register(Bodies.required(request)));
        return Response.created(uri.getBaseUriBuilder()
                        .path("agents")
                        .path(agent.agentId())
                        .build())
                .entity(Envelope.of("agent", agent))
                .build();
    }

    /** The REST-conventional spelling of {@link #register}. */
    @POST
    public Response create(AgentRequest request, @Context UriInfo uri) {
        return register(request, uri);
    }

    @PUT
    @Path("{agent_id}")
    public Envelope update(@PathParam("agent_id") String agentId, AgentRequest request) {
        return Envelope.of("agent", AgentView.of(agents.update(agentId, Bodies.required(request))));
    }

    @PUT
    @Path("{agent_id}/status")
    public Envelope changeStatus(@PathParam("agent_id") String agentId, StatusChange change) {
        return Envelope.of(
                "agent",
                AgentView.of(
                        agents.changeStatus(agentId, Bodies.required(change).status())));
    }

    @DELETE
    @Path("{agent_id}")
    public Envelope remove(@PathParam("agent_id") String agentId) {
        agents.remove(agentId);
        return Envelope.of("message", "Agent deleted successfully").with("agent_id", agentId);
    }

    /** {@code {"status":"available"}} */
    public record StatusChange(String status) {}
}
