package com.vocelio.platform.rest;

import com.vocelio.platform.control.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A request's id: the caller's {@code X-Request-ID} when it is a sane token (1–128 letters, digits and
 * {@code - _ . : + = / @}, what proxies and tracing systems send), otherwise a new one — 128 random bits in hex, made
 * without the secure random source (an id is no secret, and it must cost nothing). Anything else the caller sent is
 * not taken: it is written in logs and answers. Kept as a request attribute, so that every dispatch of the request
 * (and the authentication mechanism, which runs before the filters) sees the same one.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    static final String ATTRIBUTE = RequestIds.class.getName();
    static final int MAX_LENGTH = 128;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    /** The request's id, taken or made at its first call. */
    public static String of(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof String id) {
            return id;
        }
        String sent = request.getHeader(HEADER);
        String id = acceptable(sent) ? sent : newId();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    /** Puts the request's id in the log context of this thread; returns the id it replaced. */
    public static String enter(HttpServletRequest request) {
        return LogContext.requestId(of(request));
    }

    static boolean acceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == ':'
                    || c == '+'
                    || c == '='
                    || c == '/'
                    || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String newId() {
        var random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id);
    }
}
