package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * What JAX-RS itself refuses (unknown path, wrong method, wrong media type) in our error shape, not HTML. A query
 * or path parameter that does not convert to its type (JAX-RS says 404 for a query parameter) is a 400 naming it.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Override
    public Response toResponse(WebApplicationException e) {
        if (e.getResponse().hasEntity()) {
            return e.getResponse(); // already in our shape (e.g. 413 from BodySizeLimit)
        }
        int status = e.getResponse().getStatus();
        String where = request.getMethod() + " /" + uri.getPath();
        var parameter = unconvertibleParameter(e);
        if (parameter.isPresent()) {
            return BusinessExceptionMapper.toResponseOf(
                    BusinessException.invalid(parameter.get(), "has the wrong type (expected a number)"));
        }
        return switch (status) {
            case 401 -> ErrorBody.response(401, "unauthenticated", "Sign in: this needs a valid access token");
            case 403 -> ErrorBody.response(403, "forbidden", "Your role may not do this: " + where);
            case 404 -> ErrorBody.response(404, "not_found", "No such resource: " + where);
            case 405 -> ErrorBody.response(405, "method_not_allowed", "Method not allowed: " + where);
            case 406 -> ErrorBody.response(406, "not_acceptable", "This endpoint answers application/json only");
            case 415 -> ErrorBody.response(415, "unsupported_media_type", "Send the body as application/json");
            case 400 ->
                ErrorBody.response(
                        400,
                        "bad_request",
                        e.getCause() instanceof NoContentException
                                ? "Request body is required: send a JSON object"
                                : "Bad request: " + e.getMessage());
            default ->
                status >= 500
                        ? FallbackExceptionMapper.internalError(e)
                        : ErrorBody.response(status, "bad_request", e.getMessage());
        };
    }

    /** The name of the parameter Jersey could not convert ({@code ParamException}, seen without depending on it). */
    private static Optional<String> unconvertibleParameter(WebApplicationException e) {
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getSimpleName().equals("ParamException")) {
                try {
                    return Optional.of(
                            String.valueOf(type.getMethod("getParameterName").invoke(e)));
                } catch (ReflectiveOperationException notThatOne) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
