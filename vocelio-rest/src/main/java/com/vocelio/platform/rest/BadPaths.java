package com.vocelio.platform.rest;

import java.util.Locale;
import java.util.Optional;

/**
 * What makes a request path one the servlet container cannot answer in our JSON error shape: Payara's
 * {@code CoyoteAdapter} decodes and normalizes the path before it chooses an application, and refuses a malformed
 * %-escape (an empty 200), a NUL, a backslash, or a path that climbs above the root (a bodiless 400). An encoded
 * slash and bytes that are not UTF-8 are refused with them: no id holds a {@code /} (the container would have split
 * it into two segments), and the path is text. Judged on the raw path as it arrived (without the query, which the
 * application reads and judges itself, see {@link InputGuard}).
 */
public final class BadPaths {

    /** Why a path is refused; its message is the answer's. */
    public enum Problem {
        MALFORMED_ESCAPE("a '%' in the path must be followed by two hexadecimal digits"),
        NUL("the path holds a NUL character"),
        BACKSLASH("the path holds a backslash"),
        ENCODED_SLASH("the path holds an encoded slash (%2F): no id contains '/'"),
        INVALID_UTF8("the path's %-escapes are not UTF-8"),
        ABOVE_ROOT("the path climbs above the root with '..'");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }

        /** Its name on the wire (the query of the rewritten request): {@code malformed_escape}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Problem> ofCode(String code) {
            for (Problem problem : values()) {
                if (problem.code().equals(code)) {
                    return Optional.of(problem);
                }
            }
            return Optional.empty();
        }
    }

    private BadPaths() {}

    /**
     * The first problem of {@code rawPath} (the request target's path as sent, each character one byte), or none.
     * Plain ASCII paths without {@code %}, {@code \} or a dot segment are judged without allocating anything.
     */
    public static Optional<Problem> problem(String rawPath) {
        if (rawPath == null || isPlain(rawPath)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[rawPath.length()];
        int length = 0;
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            int value;
            if (c == '%') {
                int high = i + 1 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
                int low = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return Optional.of(Problem.MALFORMED_ESCAPE);
                }
                value = high * 16 + low;
                i += 2;
                if (value == '/') {
                    return Optional.of(Problem.ENCODED_SLASH);
                }
            } else {
                value = c;
            }
            if (value == 0) {
                return Optional.of(Problem.NUL);
            }
            if (value == '\\') {
                return Optional.of(Problem.BACKSLASH);
            }
            if (value > 0xFF) {
                return Optional.of(Problem.INVALID_UTF8); // the raw path is bytes: this cannot have been sent
            }
            bytes[length++] = (byte) value;
        }
        var decoded = Texts.utf8(bytes, 0, length);
        if (decoded.isEmpty()) {
            return Optional.of(Problem.INVALID_UTF8);
        }
        return climbsAboveRoot(decoded.get()) ? Optional.of(Problem.ABOVE_ROOT) : Optional.empty();
    }

    private static boolean isPlain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == '\\' || c == 0 || c > 0x7E) {
                return false;
            }
            if (c == '.' && (i == 0 || path.charAt(i - 1) == '/')) {
                return false; // perhaps a dot segment
            }
        }
        return true;
    }

    /** Whether the segments ({@code ;parameters} aside, as the container strips them) lead above the root. */
    private static boolean climbsAboveRoot(String path) {
        int depth = 0;
        for (String segment : path.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                depth++;
            }
        }
        return false;
    }
}
