package com.vocelio.contact.boundary;

import static com.vocelio.contact.boundary.Fields.object;
import static com.vocelio.contact.boundary.Fields.text;
import static com.vocelio.contact.boundary.Fields.texts;

import com.vocelio.contact.entity.Contact;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * What a client sends to create or change a contact ({@code POST /v1/contacts}, {@code PUT /v1/contacts/{id}}, a CSV
 * row). An absent field keeps its value on update. {@code onDuplicate} says what a create does when the organization
 * already has a contact with that phone: {@code error} (the default: 409 naming {@code phone}) or {@code merge}.
 */
public record ContactRequest(
        String firstName,
        String lastName,
        String email,
        String phone,
        String company,
        String title,
        String address,
        String city,
        String state,
        String zip,
        String country,
        String status,
        String source,
        String notes,
        List<String> tags,
        JsonObject customFields,
        List<String> listIds,
        String onDuplicate) {

    public static ContactRequest read(JsonObject body) {
        String onDuplicate = text(body, "onDuplicate");
        if (onDuplicate != null && !onDuplicate.equals("error") && !onDuplicate.equals("merge")) {
            throw BusinessException.invalid("onDuplicate", "must be one of: error, merge");
        }
        List<String> listIds = texts(body, "listIds");
        String listId = text(body, "listId"); // the guide's POST /contacts/manual names one list
        if (listId != null) {
            listIds = listIds == null
                    ? List.of(listId)
                    : java.util.stream.Stream.concat(listIds.stream(), java.util.stream.Stream.of(listId))
                            .toList();
        }
        return new ContactRequest(
                text(body, "firstName"),
                text(body, "lastName"),
                text(body, "email"),
                text(body, "phone"),
                text(body, "company"),
                text(body, "title"),
                text(body, "address"),
                text(body, "city"),
                text(body, "state"),
                text(body, "zip"),
                text(body, "country"),
                text(body, "status"),
                text(body, "source"),
                text(body, "notes"),
                texts(body, "tags"),
                object(body, "customFields"),
                listIds,
                onDuplicate);
    }

    boolean merges() {
        return "merge".equals(onDuplicate);
    }

    /** Every present field but the phone (which needs the organization's region) onto the contact. */
    void applyTo(Contact contact) {
        contact.rename(firstName, lastName);
        if (email != null) {
            contact.changeEmail(email);
        }
        contact.describe(company, title, notes);
        contact.locate(address, city, state, zip, country);
        if (status != null) {
            contact.changeStatus(status);
        }
        if (source != null) {
            contact.cameFrom(source);
        }
        if (tags != null) {
            contact.retag(tags);
        }
        if (customFields != null) {
            contact.changeCustomFields(customFields);
        }
    }

    /**
     * Onto an existing contact met by phone: present fields win, tags are added to the ones there and custom fields
     * merged key by key, so a second import of a richer file enriches instead of erasing.
     */
    void mergeInto(Contact contact) {
        new ContactRequest(
                        blankless(firstName),
                        blankless(lastName),
                        blankless(email),
                        null,
                        blankless(company),
                        blankless(title),
                        blankless(address),
                        blankless(city),
                        blankless(state),
                        blankless(zip),
                        blankless(country),
                        status,
                        null,
                        blankless(notes),
                        null,
                        null,
                        null,
                        null)
                .applyTo(contact);
        if (tags != null) {
            contact.addTags(tags);
        }
        if (customFields != null) {
            contact.mergeCustomFields(customFields);
        }
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
