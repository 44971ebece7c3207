package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A domain rule said no: 400 for bad input, 401/403 for who is asking, 404 for unknown ids, 409 for clashes with the
 * current state (a lost race among them: {@code concurrent_update}, retry it), 429 with Retry-After for too many
 * attempts, 503 with Retry-After while the database is away, 502 when a provider we called for the caller failed, 422 for a request that contradicts the one it claims to
 * repeat (an idempotency key reused with another body).
 */
@Provider
public class BusinessExceptionMapper implements ExceptionMapper<BusinessException> {

    @Override
    public Response toResponse(BusinessException e) {
        return toResponseOf(e);
    }

    static Response toResponseOf(BusinessException e) {
        int status =
                switch (e.kind()) {
                    case INVALID -> 400;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                    case UNPROCESSABLE -> 422;
                    case UNAUTHENTICATED -> 401;
                    case FORBIDDEN -> 403;
                    case TOO_MANY_REQUESTS -> 429;
                    case UNAVAILABLE -> 503;
                    case UPSTREAM_FAILED -> 502;
                };
        var response = ErrorBody.response(status, e.code(), e.getMessage(), e.details());
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().putSingle("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response;
    }
}
