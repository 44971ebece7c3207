package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException.Detail;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The one error shape: {@code {"success":false, "error":"<human message>", "message":"<the same>", "code":"…",
 * "details":[…]}}. The portal's auth screens show {@code message}, its other screens {@code error}.
 */
public record ErrorBody(boolean success, String error, String message, String code, List<Detail> details) {

    public static Response response(int status, String code, String error) {
        return response(status, code, error, List.of());
    }

    public static Response response(int status, String code, String error, List<Detail> details) {
        var known = Response.Status.fromStatusCode(status);
        return (known != null ? Response.status(known) : Response.status(status))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(false, error, error, code, details))
                .build();
    }
}
