package com.vocelio.contact.rest;

import com.vocelio.contact.boundary.Contacts;
import com.vocelio.contact.control.ContactFilter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guide's contact page: {@code {data, pagination:{page,limit,total,pages}, filters:{totalContacts,
 * activeContacts, inactiveContacts}}}, plus {@code pagination.nextCursor} (the id to pass as {@code after} for
 * keyset paging, which stays fast and exact deep in a list).
 */
final class ContactPages {

    private ContactPages() {}

    static Map<String, Object> json(Contacts contacts, ContactFilter filter, Paging paging) {
        var page = contacts.page(filter, paging.offset(), paging.limit());
        var json = new LinkedHashMap<String, Object>();
        json.put("data", ContactJson.contacts(page.contacts()));
        var pagination = paging.block(page.total());
        pagination.put(
                "nextCursor",
                page.contacts().size() < paging.limit()
                        ? null
                        : page.contacts()
                                .get(page.contacts().size() - 1)
                                .contact()
                                .id());
        json.put("pagination", pagination);
        var filters = new LinkedHashMap<String, Object>();
        filters.put("totalContacts", page.active() + page.inactive());
        filters.put("activeContacts", page.active());
        filters.put("inactiveContacts", page.inactive());
        json.put("filters", filters);
        return json;
    }
}
