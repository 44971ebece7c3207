package com.vocelio.call.boundary;

import com.vocelio.platform.boundary.BusinessException;

/** No call with this sid in the caller's organization (another organization's calls do not exist for it). */
public class UnknownCallException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public UnknownCallException(String callSid) {
        super(Kind.NOT_FOUND, "call_not_found", "Call '" + callSid + "' not found");
    }
}
