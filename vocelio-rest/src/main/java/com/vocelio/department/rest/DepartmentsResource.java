package com.vocelio.department.rest;

import com.vocelio.department.boundary.DepartmentRequest;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.control.DepartmentChanges;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.platform.rest.JsonWriter;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's {@code /departments} and the portal's {@code /api/departments} (contract C1–C4), one resource under both
 * paths. Everyone in the organization reads departments (the transfer modal lists them); admins change them.
 *
 * <p>The listing is read far more often than it changes (the portal loads it with most screens), so each
 * organization's last listing is served again until {@link DepartmentChanges} counts a change: on this node at once
 * when the change commits, from another node when the relay delivers it.
 */
@Path("{api: (?:api/)?}departments")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DepartmentsResource {

    @Inject
    Departments departments;

    @Inject
    DepartmentChanges changes;

    @Inject
    CurrentTenant tenant;

    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    /** An organization's departments as read, and written, after its {@code changes}-th change this node knew of. */
    private record Listing(long changes, byte[] answer) {}

    @GET
    public Response list() {
        String organization = tenant.id();
        long seen = changes.seen(organization); // noted before the read: a change during it makes the read stale
        var listing = listings.get(organization);
        if (listing == null || listing.changes() != seen) {
            var all = departments.all().stream().map(DepartmentView::of).toList();
            listing = new Listing(seen, JsonWriter.toUtf8(Envelope.of("departments", all)));
            listings.put(organization, listing);
        }
        return Response.ok(listing.answer()).build();
    }

    @GET
    @Path("{id}")
    public Envelope get(@PathParam("id") String id) {
        return Envelope.of("department", DepartmentView.of(departments.get(id)));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    public Response create(DepartmentRequest request, @Context UriInfo uri) {
        var created = DepartmentView.of(departments.create(Bodies.required(request)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(Envelope.of("department", created))
                .build();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @PUT
    @Path("{id}")
    public Envelope update(@PathParam("id") String id, DepartmentRequest request) {
        return Envelope.of("department", DepartmentView.of(departments.update(id, Bodies.required(request))));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{id}")
    public Envelope delete(@PathParam("id") String id) {
        var deleted = departments.delete(id);
        return Envelope.of("message", "Department deleted successfully").with("id", deleted.id());
    }
}
