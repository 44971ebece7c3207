package com.vocelio.contact.rest;

import com.vocelio.contact.boundary.ContactLists;
import com.vocelio.contact.boundary.Contacts;
import com.vocelio.contact.control.ContactFilter;
import com.vocelio.contact.entity.PhoneType;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the portal's campaign wizard calls (contract §6.1, K1–K3): the lists as a <em>bare array</em>, a list's
 * contacts with {@code totalCount/totalPages/currentPage/hasMore}, and a search across all contacts; camelCase.
 */
@Path("api/contacts")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class PortalContactsResource {

    static final int MAX_LISTS = 1000;

    @Inject
    ContactLists lists;

    @Inject
    Contacts contacts;

    @GET
    @Path("lists")
    public List<Map<String, Object>> lists() {
        return lists.page(null, null, 0, MAX_LISTS).lists().stream()
                .map(ContactJson::list)
                .toList();
    }

    @GET
    @Path("lists/{id}/contacts")
    public Map<String, Object> listContacts(
            @PathParam("id") String id,
            @QueryParam("limit") String limit,
            @QueryParam("page") String page,
            @QueryParam("search") String search,
            @QueryParam("status") String status,
            @QueryParam("phoneFilter") String phoneFilter) {
        var paging = Paging.of(page, limit, 50);
        lists.get(id); // another organization's list is a 404, not an empty page
        var filter = new ContactFilter(search, id, status(status), List.of(), phoneType(phoneFilter), null);
        var found = contacts.page(filter, paging.offset(), paging.limit());
        var json = new LinkedHashMap<String, Object>();
        json.put(
                "contacts",
                found.contacts().stream().map(ContactJson::portalContact).toList());
        json.put("totalCount", found.total());
        json.put("totalPages", paging.pages(found.total()));
        json.put("currentPage", paging.page());
        json.put("hasMore", (long) paging.page() * paging.limit() < found.total());
        return json;
    }

    @GET
    @Path("search")
    public Map<String, Object> search(
            @QueryParam("q") String q,
            @QueryParam("limit") String limit,
            @QueryParam("includeInactive") String includeInactive) {
        int count = Paging.number("limit", limit, 20, 1, Paging.MAX_LIMIT);
        boolean inactiveToo = Paging.flag("includeInactive", includeInactive, false);
        var filter = new ContactFilter(q, null, inactiveToo ? null : "active", List.of(), null, null);
        var found = contacts.page(filter, 0, count);
        var json = new LinkedHashMap<String, Object>();
        json.put(
                "contacts",
                found.contacts().stream().map(ContactJson::portalContact).toList());
        json.put("totalCount", found.total());
        json.put("query", q == null ? "" : q);
        return json;
    }

    /** {@code all} (the wizard's default) and absence mean any status. */
    static String status(String status) {
        if (status == null || status.isBlank() || status.equals("all")) {
            return null;
        }
        if (!status.equals("active") && !status.equals("inactive")) {
            throw BusinessException.invalid("status", "must be one of: all, active, inactive");
        }
        return status;
    }

    static String phoneType(String filter) {
        if (filter == null || filter.isBlank() || filter.equals("all")) {
            return null;
        }
        return PhoneType.fromWire(filter)
                .map(PhoneType::wireName)
                .orElseThrow(() -> BusinessException.invalid(
                        "phoneFilter", "must be one of: all, mobile, landline, voip, toll_free, unknown"));
    }
}
