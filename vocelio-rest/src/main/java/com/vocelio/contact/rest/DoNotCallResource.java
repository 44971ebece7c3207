package com.vocelio.contact.rest;

import static com.vocelio.contact.rest.ContactJson.data;

import com.vocelio.contact.boundary.DoNotCallLists;
import com.vocelio.contact.boundary.DoNotCallScrubs;
import com.vocelio.contact.boundary.Fields;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contact guide's do-not-call API (contract §6.2): lists, entries, and a scrub of a contact list. */
@Path("v1")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DoNotCallResource {

    @Inject
    DoNotCallLists doNotCall;

    @Inject
    DoNotCallScrubs scrubs;

    @Inject
    Caller caller;

    @GET
    @Path("dnc-lists")
    public Map<String, Object> lists() {
        return data(doNotCall.all().stream().map(ContactJson::doNotCallList).toList());
    }

    @POST
    @Path("dnc-lists")
    public Response createList(JsonObject body) {
        Bodies.required(body);
        var created = doNotCall.create(
                Fields.text(body, "name"),
                Fields.text(body, "description"),
                caller.userId().orElse(null));
        return Response.status(201)
                .entity(data(ContactJson.doNotCallList(created)))
                .build();
    }

    @DELETE
    @Path("dnc-lists/{id}")
    public Map<String, Object> deleteList(@PathParam("id") String id) {
        var json = new LinkedHashMap<String, Object>();
        json.put("message", "Do-not-call list deleted successfully");
        json.put("id", doNotCall.delete(id, caller.userId().orElse(null)).id());
        return json;
    }

    @GET
    @Path("dnc-entries")
    public Map<String, Object> entries(
            @QueryParam("listId") String listId,
            @QueryParam("search") String search,
            @QueryParam("page") String page,
            @QueryParam("limit") String limit) {
        var paging = Paging.of(page, limit, 50);
        var found = doNotCall.entries(
                listId == null || listId.isBlank() ? null : listId, search, paging.offset(), paging.limit());
        var json = data(found.entries().stream().map(ContactJson::entry).toList());
        json.put("pagination", paging.block(found.total()));
        return json;
    }

    /** {@code {listId, phone, reason}}: 201 for a new number, 200 with the entry there for one already listed. */
    @POST
    @Path("dnc-entries")
    public Response addEntry(JsonObject body) {
        Bodies.required(body);
        String listId = Fields.text(body, "listId");
        if (listId == null || listId.isBlank()) {
            throw BusinessException.invalid("listId", "is required");
        }
        var added = doNotCall.add(
                listId,
                Fields.text(body, "phone"),
                Fields.text(body, "reason"),
                caller.userId().orElse(null));
        return Response.status(added.getValue() ? 201 : 200)
                .entity(data(ContactJson.entry(added.getKey())))
                .build();
    }

    @DELETE
    @Path("dnc-entries/{id}")
    public Map<String, Object> removeEntry(@PathParam("id") String id) {
        doNotCall.remove(id, caller.userId().orElse(null));
        return Map.of("message", "Do-not-call entry deleted successfully", "id", id);
    }

    /** Whether a call to the number would be refused ({@code code: do_not_call}). */
    @GET
    @Path("dnc/check")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Map<String, Object> check(@QueryParam("phone") String phone) {
        var checked = doNotCall.check(phone);
        return data(Map.of("phone", checked.getKey(), "blocked", checked.getValue()));
    }

    /**
     * {@code {listId, removeBlocked}}: how many of the contact list's contacts are on a do-not-call list, and (when
     * asked) takes them off it. {@code /dnc/scrub-campaign} is the guide's name; {@code contactListId} is accepted.
     */
    @POST
    @Path("dnc/{scrub: scrub|scrub-campaign}")
    public Map<String, Object> scrub(JsonObject body) {
        Bodies.required(body);
        String listId = Fields.text(body, "listId");
        if (listId == null) {
            listId = Fields.text(body, "contactListId");
        }
        if (listId == null || listId.isBlank()) {
            throw BusinessException.invalid("listId", "is required: the contact list to scrub");
        }
        Boolean remove = Fields.bool(body, "removeBlocked");
        var scrub = scrubs.scrub(
                listId, Boolean.TRUE.equals(remove), caller.userId().orElse(null));
        var json = new LinkedHashMap<String, Object>();
        json.put("listId", scrub.listId());
        json.put("checked", scrub.checked());
        json.put("blocked", scrub.blocked());
        json.put("clean", scrub.checked() - scrub.blocked());
        json.put("removed", scrub.removed());
        json.put("blockedPhones", scrub.blockedPhones());
        return data(json);
    }
}
