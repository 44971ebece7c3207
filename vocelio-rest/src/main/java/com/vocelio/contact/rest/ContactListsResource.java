package com.vocelio.contact.rest;

import static com.vocelio.contact.rest.ContactJson.data;

import com.vocelio.contact.boundary.ContactListRequest;
import com.vocelio.contact.boundary.ContactLists;
import com.vocelio.contact.boundary.Contacts;
import com.vocelio.contact.boundary.Fields;
import com.vocelio.contact.control.ContactFilter;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contact guide's {@code /v1/contact-lists} (contract §6.2): CRUD and memberships. */
@Path("v1/contact-lists")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactListsResource {

    private static final String READERS = Role.AGENT_NAME;

    @Inject
    ContactLists lists;

    @Inject
    Contacts contacts;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, READERS, Role.SERVICE_NAME})
    public Map<String, Object> page(
            @QueryParam("page") String page,
            @QueryParam("limit") String limit,
            @QueryParam("search") String search,
            @QueryParam("status") String status) {
        var paging = Paging.of(page, limit, 50);
        if (status != null
                && !status.isBlank()
                && !List.of("active", "paused", "archived").contains(status)) {
            throw BusinessException.invalid("status", "must be one of: active, paused, archived");
        }
        var found =
                lists.page(search, status == null || status.isBlank() ? null : status, paging.offset(), paging.limit());
        var json = data(found.lists().stream().map(ContactJson::list).toList());
        json.put("pagination", paging.block(found.total()));
        return json;
    }

    @POST
    public Response create(JsonObject body) {
        var created = lists.create(
                ContactListRequest.read(Bodies.required(body)), caller.userId().orElse(null));
        return Response.status(201).entity(data(ContactJson.list(created))).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, READERS, Role.SERVICE_NAME})
    public Map<String, Object> get(@PathParam("id") String id) {
        return data(ContactJson.list(lists.get(id)));
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonObject body) {
        return data(ContactJson.list(lists.update(id, ContactListRequest.read(Bodies.required(body)))));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") String id) {
        var json = new LinkedHashMap<String, Object>();
        json.put("message", "Contact list deleted successfully");
        json.put("id", lists.delete(id, caller.userId().orElse(null)).id());
        return json;
    }

    @GET
    @Path("{id}/contacts")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, READERS, Role.SERVICE_NAME})
    public Map<String, Object> members(
            @PathParam("id") String id, @QueryParam("page") String page, @QueryParam("limit") String limit) {
        var paging = Paging.of(page, limit, 50);
        lists.get(id);
        return ContactPages.json(contacts, ContactFilter.none().inList(id), paging);
    }

    /** {@code {contactIds:[…]}}: adds them; those already on the list stay there once. */
    @POST
    @Path("{id}/contacts")
    public Map<String, Object> addMembers(@PathParam("id") String id, JsonObject body) {
        var ids = Fields.texts(Bodies.required(body), "contactIds");
        if (ids == null || ids.isEmpty()) {
            throw BusinessException.invalid("contactIds", "must name at least one contact");
        }
        int added = lists.addMembers(id, ids, caller.userId().orElse(null));
        return data(Map.of("listId", id, "added", added, "requested", ids.size()));
    }

    @DELETE
    @Path("{id}/contacts/{contactId}")
    public Map<String, Object> removeMember(@PathParam("id") String id, @PathParam("contactId") String contactId) {
        int removed =
                lists.removeMembers(id, List.of(contactId), caller.userId().orElse(null));
        if (removed == 0) {
            throw BusinessException.invalid("contactId", "is not on this list");
        }
        return data(Map.of("listId", id, "removed", removed));
    }
}
