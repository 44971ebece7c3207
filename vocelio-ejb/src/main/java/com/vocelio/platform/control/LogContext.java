package com.vocelio.platform.control;

/**
 * What every log line of a piece of work says about it: the request id ({@code X-Request-ID}) and the organization it
 * acts for. A thread-local read by {@link ContextFormatter}: java.util.logging has no MDC, and the server's console
 * handler formats each record on the thread that logged it. Set by the request filter for a request's dispatch, and
 * by {@link CurrentTenant#runAs} for work no request carries; each setter returns what it replaced, so nested work
 * puts it back.
 */
public final class LogContext {

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static final ThreadLocal<String> ORGANIZATION = new ThreadLocal<>();

    private LogContext() {}

    public static String requestId() {
        return REQUEST_ID.get();
    }

    public static String organization() {
        return ORGANIZATION.get();
    }

    /** Sets the request id (null clears it) and returns the one it replaced. */
    public static String requestId(String requestId) {
        return swap(REQUEST_ID, requestId);
    }

    /** Sets the organization (null clears it) and returns the one it replaced. */
    public static String organization(String organization) {
        return swap(ORGANIZATION, organization);
    }

    private static String swap(ThreadLocal<String> holder, String value) {
        String previous = holder.get();
        if (value == null) {
            holder.remove();
        } else {
            holder.set(value);
        }
        return previous;
    }
}
