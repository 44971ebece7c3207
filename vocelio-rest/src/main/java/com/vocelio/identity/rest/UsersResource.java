package com.vocelio.identity.rest;

import com.vocelio.identity.boundary.Accounts;
import com.vocelio.identity.boundary.ApiKeys;
import com.vocelio.identity.boundary.UserRequest;
import com.vocelio.identity.boundary.Users;
import com.vocelio.identity.entity.Role;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admins manage the organization's users and the service users' API keys. */
@Path("api/users")
@ApplicationScoped
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    Users users;

    @Inject
    Accounts accounts;

    @Inject
    ApiKeys apiKeys;

    @GET
    public Envelope list() {
        var organization = accounts.current();
        return Envelope.of(
                "users",
                users.all().stream().map(u -> UserView.of(u, organization)).toList());
    }

    @GET
    @Path("{id}")
    public Envelope get(@PathParam("id") String id) {
        return Envelope.of("user", UserView.of(users.get(id), accounts.current()));
    }

    @POST
    public Response create(UserRequest request) {
        var user = users.create(Bodies.required(request));
        return Response.status(201)
                .entity(Envelope.of("user", UserView.of(user, accounts.current())))
                .build();
    }

    @PUT
    @Path("{id}")
    public Envelope update(@PathParam("id") String id, UserRequest request) {
        return Envelope.of("user", UserView.of(users.update(id, Bodies.required(request)), accounts.current()));
    }

    @DELETE
    @Path("{id}")
    public Envelope remove(@PathParam("id") String id) {
        users.remove(id);
        return Envelope.of("message", "User deleted successfully").with("id", id);
    }

    /** Shows the key once: {@code {"api_key":"vak_…"}}. */
    @POST
    @Path("{id}/api-keys")
    public Response createApiKey(@PathParam("id") String id, ApiKeyName request) {
        String key = apiKeys.create(id, Bodies.required(request).name());
        return Response.status(201)
                .entity(Envelope.of("api_key", key).with("message", "Store this key now: it is not shown again"))
                .build();
    }

    public record ApiKeyName(String name) {}
}
