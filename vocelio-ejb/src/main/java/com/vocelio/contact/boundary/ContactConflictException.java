package com.vocelio.contact.boundary;

import com.vocelio.platform.boundary.BusinessException;
import java.util.List;

/** A contact change clashes with another contact or list of the organization. */
public class ContactConflictException extends BusinessException {

    private static final long serialVersionUID = 1L;

    private ContactConflictException(String code, String message, List<Detail> details) {
        super(Kind.CONFLICT, code, message, details);
    }

    /** One contact per phone per organization: says which contact has it, so the client can merge or open it. */
    public static ContactConflictException duplicatePhone(String phone, String existingId) {
        return new ContactConflictException(
                "contact_exists",
                "A contact with phone " + phone + " already exists (id " + existingId
                        + "); send onDuplicate: \"merge\" to update it instead",
                List.of(new Detail("phone", "already belongs to contact " + existingId)));
    }

    public static ContactConflictException duplicateListName(String field, String name) {
        return new ContactConflictException(
                "list_exists",
                "A list named '" + name + "' already exists",
                List.of(new Detail(field, "is taken by another list")));
    }
}
