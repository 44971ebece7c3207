package com.vocelio.platform.rest;

/** What text from outside may hold: no control characters (nor half a surrogate pair), where nothing can store them. */
final class Texts {

    private Texts() {}

    /** The bytes as UTF-8 text, or empty when they are not valid UTF-8 (a malformed or cut sequence). */
    static java.util.Optional<String> utf8(byte[] bytes, int offset, int length) {
        try {
            return java.util.Optional.of(java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, offset, length))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    /** One-line text (parameters, header values, names): no control character at all. */
    static boolean isPlain(String text) {
        return firstBad(text, false) < 0;
    }

    /** Free text (JSON string values): tab, line feed and carriage return are allowed, other controls are not. */
    static boolean isText(String text) {
        return firstBad(text, true) < 0;
    }

    private static int firstBad(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && !(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                return i;
            }
        }
        return -1;
    }
}
