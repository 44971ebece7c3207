package com.vocelio.platform.boundary;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A rule of the domain said no. Crosses EJB boundaries unwrapped and rolls the transaction back, so nothing is
 * half-written; the REST layer turns it into a 4xx JSON error from its {@link Kind}, {@link #code()} and
 * {@link #details()}.
 */
@ApplicationException(rollback = true)
public class BusinessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, independent of the protocol that reports it. */
    public enum Kind {
        /** the request itself is wrong (missing or malformed values) */
        INVALID,
        /** a named thing does not exist (in the caller's organization) */
        NOT_FOUND,
        /** the request clashes with the current state (duplicates, in-use, illegal transitions) */
        CONFLICT,
        /** the request is well-formed but contradicts an earlier one it claims to repeat */
        UNPROCESSABLE,
        /** who is calling could not be established (bad credentials, bad token) */
        UNAUTHENTICATED,
        /** the caller may not do this */
        FORBIDDEN,
        /** too many attempts; see {@link #retryAfterSeconds()} */
        TOO_MANY_REQUESTS,
        /** something the work needs (the database) is not there now; see {@link #retryAfterSeconds()} */
        UNAVAILABLE,
        /** a service we call on the caller's behalf (a speech or telephony provider) failed or did not answer */
        UPSTREAM_FAILED
    }

    /** One problem with one input field. */
    public record Detail(String field, String message) {}

    private final Kind kind;
    private final String code;
    private final List<Detail> details;
    private long retryAfterSeconds;

    public BusinessException(Kind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    public BusinessException(Kind kind, String code, String message, List<Detail> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = List.copyOf(details);
    }

    /** A single invalid field: the message names it. */
    public static BusinessException invalid(String field, String message) {
        return new BusinessException(
                Kind.INVALID, "invalid_input", field + " " + message, List.of(new Detail(field, message)));
    }

    /** A refusal that lifts by itself: the client should come back after {@code seconds}. */
    public static BusinessException tooManyRequests(String message, long seconds) {
        var e = new BusinessException(Kind.TOO_MANY_REQUESTS, "too_many_requests", message);
        e.retryAfterSeconds = Math.max(1, seconds);
        return e;
    }

    /** The database (or another service the work needs) does not answer: try again after {@code seconds}. */
    public static BusinessException unavailable(String code, String message, long seconds) {
        var e = new BusinessException(Kind.UNAVAILABLE, code, message);
        e.retryAfterSeconds = Math.max(1, seconds);
        return e;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<Detail> details() {
        return details;
    }
}
