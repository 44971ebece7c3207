package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one place where text from outside is judged before anything stores or compares it: path and query parameters
 * (their names too) and the {@code Idempotency-Key} header must be valid UTF-8 without control characters; a JSON
 * body must be valid UTF-8 and strict JSON ({@link JsonBodies}). A refusal is a 400 naming the field, in the one
 * error shape — before, a NUL reached PostgreSQL (which refuses it) and came back as a 500. Runs after
 * authentication and authorization, so an anonymous caller's body is never read where a token is required.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class InputGuard implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        var uri = request.getUriInfo();
        check("path parameter", uri.getPathParameters(false));
        check("query parameter", uri.getQueryParameters(false));
        String key = request.getHeaderString("Idempotency-Key");
        if (key != null && !Texts.isPlain(key)) {
            throw BusinessException.invalid("Idempotency-Key", "must not contain control characters");
        }
        MediaType type = request.getMediaType();
        if (request.hasEntity() && type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = request.getEntityStream().readAllBytes(); // bounded by BodySizeLimit
            JsonBodies.check(body, JsonBodies.expectsObject(resource.getResourceMethod()));
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    private static void check(String where, Map<String, List<String>> encoded) {
        for (var parameter : encoded.entrySet()) {
            String name = decoded(where, parameter.getKey(), parameter.getKey());
            for (String value : parameter.getValue()) {
                decoded(where, name, value);
            }
        }
    }

    /** A percent-encoded parameter as text: strict UTF-8, no control characters; else a 400 naming it. */
    private static String decoded(String where, String name, String encoded) {
        var bytes = new ByteArrayOutputStream(encoded.length());
        String field = Texts.isPlain(name) ? name : "?";
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw BusinessException.invalid(field, "(" + where + ") has a malformed %-escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && where.startsWith("query")) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] raw = bytes.toByteArray();
        String text = Texts.utf8(raw, 0, raw.length)
                .orElseThrow(() -> BusinessException.invalid(field, "(" + where + ") is not valid UTF-8"));
        if (!Texts.isPlain(text)) {
            throw BusinessException.invalid(field, "(" + where + ") must not contain control characters");
        }
        return text;
    }
}
