package com.vocelio.contact.rest;

import static com.vocelio.contact.rest.ContactJson.data;

import com.vocelio.contact.boundary.ContactBulkOperations;
import com.vocelio.contact.boundary.ContactRequest;
import com.vocelio.contact.boundary.Contacts;
import com.vocelio.contact.boundary.Fields;
import com.vocelio.contact.control.ContactFilter;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
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
import java.util.Map;

/** The contact guide's {@code /v1/contacts} (contract §6.2): CRUD, filters, and bulk operations. */
@Path("v1/contacts")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactsResource {

    @Inject
    Contacts contacts;

    @Inject
    ContactBulkOperations bulk;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Map<String, Object> page(
            @QueryParam("page") String page,
            @QueryParam("limit") String limit,
            @QueryParam("search") String search,
            @QueryParam("listId") String listId,
            @QueryParam("status") String status,
            @QueryParam("tags") String tags,
            @QueryParam("phoneType") String phoneType,
            @QueryParam("after") String after) {
        var paging = Paging.of(page, limit, 50);
        if (after != null && !after.isBlank() && !Checks.isUuid(after)) {
            throw BusinessException.invalid("after", "must be a contact id (pagination.nextCursor)");
        }
        var filter = new ContactFilter(
                search,
                listId == null || listId.isBlank() ? null : listId,
                PortalContactsResource.status(status),
                Fields.commaSeparated(tags),
                PortalContactsResource.phoneType(phoneType),
                after == null || after.isBlank() ? null : after);
        return ContactPages.json(contacts, filter, paging);
    }

    @POST
    public Response create(JsonObject body) {
        var saved = contacts.create(
                ContactRequest.read(Bodies.required(body)), caller.userId().orElse(null));
        var json = data(ContactJson.contact(saved.card()));
        json.put("merged", !saved.created());
        return Response.status(saved.created() ? 201 : 200).entity(json).build();
    }

    /** The guide's quick add ({@code listId} instead of {@code listIds}). */
    @POST
    @Path("manual")
    public Response manual(JsonObject body) {
        return create(body);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Map<String, Object> get(@PathParam("id") String id) {
        return data(ContactJson.contact(contacts.get(id)));
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonObject body) {
        return data(ContactJson.contact(contacts.update(
                id, ContactRequest.read(Bodies.required(body)), caller.userId().orElse(null))));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") String id) {
        var json = new LinkedHashMap<String, Object>();
        json.put("message", "Contact deleted successfully");
        json.put("id", contacts.delete(id, caller.userId().orElse(null)).id());
        return json;
    }

    @POST
    @Path("bulk-operations")
    public Map<String, Object> bulk(JsonObject body) {
        Bodies.required(body);
        JsonObject data = Fields.object(body, "data");
        if (data == null) {
            data = JsonObject.EMPTY_JSON_OBJECT;
        }
        var ids = Fields.texts(body, "contactIds");
        var outcome = bulk.run(
                Fields.text(body, "action"),
                ids,
                Fields.texts(data, "tags"),
                Fields.text(data, "listId"),
                Fields.text(data, "fromListId"),
                caller.userId().orElse(null));
        var json = new LinkedHashMap<String, Object>();
        json.put("message", "Bulk " + outcome.action() + " completed");
        json.put("processed", outcome.processed());
        json.put("successful", outcome.successful());
        json.put("failed", outcome.failed());
        json.put("errors", outcome.errors());
        return json;
    }
}
