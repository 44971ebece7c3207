package com.vocelio.contact.rest;

import com.vocelio.contact.boundary.ContactCard;
import com.vocelio.contact.boundary.ContactLists.ListCard;
import com.vocelio.contact.boundary.DoNotCallEntry;
import com.vocelio.contact.boundary.DoNotCallLists;
import com.vocelio.contact.control.PhoneLines;
import com.vocelio.contact.entity.Contact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contacts, lists and do-not-call entries as the contact guide and the portal's campaign wizard read them: camelCase
 * (the rest of the API is snake_case, which is why these are maps and not records), no null strings.
 */
final class ContactJson {

    private ContactJson() {}

    /** The guide's contact: every field, its lists and its do-not-call flag. */
    static Map<String, Object> contact(ContactCard card) {
        Contact c = card.contact();
        var json = portalContact(card);
        json.put("phoneFormatted", PhoneLines.formatted(c.phone()));
        json.put("company", c.company());
        json.put("title", c.title());
        json.put("address", c.address());
        json.put("city", c.city());
        json.put("state", c.state());
        json.put("zip", c.zip());
        json.put("country", c.country());
        json.put("source", c.source());
        json.put("notes", c.notes());
        json.put("lastContactDate", c.lastContactDate().orElse(null));
        json.put("contactCount", c.contactCount());
        json.put("createdAt", c.createdAt());
        json.put("updatedAt", c.updatedAt());
        json.put(
                "lists",
                card.lists().stream()
                        .map(m -> Map.of("id", m.listId(), "name", m.listName(), "addedAt", m.addedAt()))
                        .toList());
        return json;
    }

    /** Contract K2's contact: {@code id, firstName, lastName, phone, email, status, phoneType, customFields}. */
    static Map<String, Object> portalContact(ContactCard card) {
        Contact c = card.contact();
        var json = new LinkedHashMap<String, Object>();
        json.put("id", c.id());
        json.put("firstName", c.firstName());
        json.put("lastName", c.lastName());
        json.put("fullName", (c.firstName() + " " + c.lastName()).strip());
        json.put("phone", c.phone());
        json.put("email", c.email());
        json.put("status", c.status());
        json.put("phoneType", c.phoneType());
        json.put("doNotCall", card.doNotCall());
        json.put("tags", c.tags());
        json.put("customFields", c.customFields());
        return json;
    }

    static List<Map<String, Object>> contacts(List<ContactCard> cards) {
        return cards.stream().map(ContactJson::contact).toList();
    }

    /** A list as both the guide ({@code createdAt}) and contract K1 ({@code lastUpdated}) read it. */
    static Map<String, Object> list(ListCard card) {
        var l = card.list();
        var json = new LinkedHashMap<String, Object>();
        json.put("id", l.id());
        json.put("name", l.name());
        json.put("description", l.description());
        json.put("status", l.status());
        json.put("contactCount", card.contactCount());
        json.put("tags", l.tags());
        json.put("createdAt", l.createdAt());
        json.put("updatedAt", l.updatedAt());
        json.put("lastUpdated", l.updatedAt());
        json.put("createdBy", Map.of("id", l.createdBy().orElse(""), "name", ""));
        return json;
    }

    static Map<String, Object> doNotCallList(DoNotCallLists.ListCard card) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", card.list().id());
        json.put("name", card.list().name());
        json.put("description", card.list().description());
        json.put("entryCount", card.entryCount());
        json.put("createdAt", card.list().createdAt());
        json.put("updatedAt", card.list().updatedAt());
        return json;
    }

    static Map<String, Object> entry(DoNotCallEntry entry) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", entry.id());
        json.put("listId", entry.listId());
        json.put("phone", entry.phone());
        json.put("phoneFormatted", PhoneLines.formatted(entry.phone()));
        json.put("reason", entry.reason());
        json.put("createdAt", entry.createdAt());
        return json;
    }

    /** {@code {data: …}}, the guide's wrapper. */
    static Map<String, Object> data(Object data) {
        var json = new LinkedHashMap<String, Object>();
        json.put("data", data);
        return json;
    }
}
