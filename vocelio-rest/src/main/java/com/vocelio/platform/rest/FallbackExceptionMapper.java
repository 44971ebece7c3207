package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.boundary.BusinessException.Detail;
import com.vocelio.platform.control.Failures;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Everything else. Bad input arrives here wrapped (a JSON parse error inside a ProcessingException, a body that is
 * too large inside a JSON-B error, a validation error inside an EJBException, a version clash or a dropped database
 * connection inside a failed commit): the cause chain decides. What is
 * left is our fault: 500 with an incident id that is in the log, never a stack trace on the wire.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());
    private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge tooLarge) {
                return tooLarge.getResponse();
            }
            if (cause instanceof BusinessException business) {
                return BusinessExceptionMapper.toResponseOf(business);
            }
            if (cause instanceof ConstraintViolationException violations) {
                return ConstraintViolationExceptionMapper.toResponseOf(violations);
            }
        }
        var known = Failures.classify(e); // a lost race or the database away, seen after a boundary (at commit)
        if (known.isPresent()) {
            return BusinessExceptionMapper.toResponseOf(known.get());
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return malformedJson(e);
            }
        }
        return internalError(e);
    }

    private static Response malformedJson(Throwable e) {
        String field = null;
        for (Throwable cause = e; cause != null && field == null; cause = cause.getCause()) {
            var matcher = PROPERTY.matcher(String.valueOf(cause.getMessage()));
            if (matcher.find()) {
                field = matcher.group(1);
            }
        }
        if (field != null) {
            return ErrorBody.response(
                    400,
                    "malformed_json",
                    "Malformed JSON body: '" + field + "' has the wrong type",
                    List.of(new Detail(field, "has the wrong type")));
        }
        return ErrorBody.response(400, "malformed_json", "Malformed JSON body: expected a JSON object");
    }

    static Response internalError(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident, e);
        return ErrorBody.response(500, "internal_error", "Internal error (incident " + incident + ")");
    }
}
