package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException;

/** Request bodies the resources cannot do without. */
public final class Bodies {

    private Bodies() {}

    /** An empty body or a JSON {@code null} is a 400 that says so, not a NullPointerException. */
    public static <T> T required(T body) {
        if (body == null) {
            throw BusinessException.invalid("body", "is required: send a JSON object");
        }
        return body;
    }
}
