package com.vocelio.contact.boundary;

import com.vocelio.platform.boundary.BusinessException;

/** A contact, contact list or do-not-call list the caller's organization does not have (another's is unknown too). */
public class UnknownContactException extends BusinessException {

    private static final long serialVersionUID = 1L;

    private UnknownContactException(String code, String message) {
        super(Kind.NOT_FOUND, code, message);
    }

    public static UnknownContactException contact(String id) {
        return new UnknownContactException("contact_not_found", "Contact '" + id + "' not found");
    }

    public static UnknownContactException list(String id) {
        return new UnknownContactException("contact_list_not_found", "Contact list '" + id + "' not found");
    }

    public static UnknownContactException doNotCallList(String id) {
        return new UnknownContactException("dnc_list_not_found", "Do-not-call list '" + id + "' not found");
    }

    public static UnknownContactException doNotCallEntry(String id) {
        return new UnknownContactException("dnc_entry_not_found", "Do-not-call entry '" + id + "' not found");
    }
}
