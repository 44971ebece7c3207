package com.vocelio.speech.rest;

import com.vocelio.platform.rest.ErrorBody;
import com.vocelio.speech.boundary.ProviderFailedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A speech provider failed: 502 Bad Gateway, JSON naming the provider ({@code details[0].message}). */
@Provider
public class ProviderFailedExceptionMapper implements ExceptionMapper<ProviderFailedException> {

    @Override
    public Response toResponse(ProviderFailedException e) {
        return ErrorBody.response(502, e.code(), e.getMessage(), e.details());
    }
}
