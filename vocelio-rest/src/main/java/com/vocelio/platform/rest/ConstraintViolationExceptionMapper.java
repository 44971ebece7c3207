package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException.Detail;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures as data: one {@code {field, message}} per violation, named as the client names it. */
@Provider
public class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        return toResponseOf(e);
    }

    static Response toResponseOf(ConstraintViolationException e) {
        List<Detail> details = e.getConstraintViolations().stream()
                .map(v -> new Detail(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Detail::field))
                .toList();
        String summary = details.stream()
                .map(d -> d.field() + " " + d.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("Invalid request");
        return ErrorBody.response(400, "invalid_input", summary, details);
    }

    private static String field(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName() == null ? name : node.getName();
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
