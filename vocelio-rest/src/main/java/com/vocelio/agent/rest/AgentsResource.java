package com.vocelio.agent.rest;

import com.vocelio.agent.boundary.AgentFilter;
import com.vocelio.agent.boundary.AgentRequest;
import com.vocelio.agent.boundary.Agents;
import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The seed's {@code /agents} and the portal's {@code /api/agents}, one resource under both paths. Everyone in the
 * organization reads agents; admins and supervisors manage them; an agent may change only its own status.
 */
@Path("{api: (?:api/)?}agents")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @Inject
    Agents agents;

    @Inject
    JsonWebToken caller;

    @Context
    SecurityContext security;

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

    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
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

    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
    /** The REST-conventional spelling of {@link #register}. */
    @POST
    public Response create(AgentRequest request, @Context UriInfo uri) {
        return register(request, uri);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
    @PUT
    @Path("{agent_id}")
    public Envelope update(@PathParam("agent_id") String agentId, AgentRequest request) {
        return Envelope.of("agent", AgentView.of(agents.update(agentId, Bodies.required(request))));
    }

    @PUT
    @Path("{agent_id}/status")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
    public Envelope changeStatus(@PathParam("agent_id") String agentId, StatusChange change) {
        boolean manager = security.isUserInRole(Role.ADMIN_NAME) || security.isUserInRole(Role.SUPERVISOR_NAME);
        if (!manager && !agentId.equals(caller.getClaim(AccessTokens.AGENT_CLAIM))) {
            throw new BusinessException(
                    BusinessException.Kind.FORBIDDEN, "forbidden", "An agent may change only its own status");
        }
        return Envelope.of(
                "agent",
                AgentView.of(
                        agents.changeStatus(agentId, Bodies.required(change).status())));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
    @DELETE
    @Path("{agent_id}")
    public Envelope remove(@PathParam("agent_id") String agentId) {
        agents.remove(agentId);
        return Envelope.of("message", "Agent deleted successfully").with("agent_id", agentId);
    }

    /** {@code {"status":"available"}} */
    public record StatusChange(String status) {}
}
