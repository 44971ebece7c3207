package com.vocelio.contact.boundary;

import static com.vocelio.contact.boundary.Fields.text;
import static com.vocelio.contact.boundary.Fields.texts;

import com.vocelio.contact.entity.ContactList;
import jakarta.json.JsonObject;
import java.util.List;

/** What a client sends to create or change a contact list; an absent field keeps its value on update. */
public record ContactListRequest(String name, String description, String status, List<String> tags) {

    public static ContactListRequest read(JsonObject body) {
        return new ContactListRequest(
                text(body, "name"), text(body, "description"), text(body, "status"), texts(body, "tags"));
    }

    void applyTo(ContactList list) {
        if (name != null) {
            list.rename(name);
        }
        if (description != null) {
            list.describe(description);
        }
        if (status != null) {
            list.changeStatus(status);
        }
        if (tags != null) {
            list.retag(tags);
        }
    }
}
