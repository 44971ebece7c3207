package com.vocelio.platform.control;

import com.vocelio.platform.boundary.BusinessException;
import java.util.regex.Pattern;

/**
 * Where a call is put through to a person, told apart the way Twilio tells them apart: a SIP URI ({@code sip:} or
 * {@code sips:}), a Twilio Client ({@code client:<identity>}, a browser or app running Twilio's Voice SDK), or else
 * a phone number. The one rule every dialler and every check follows, so that no address is a {@code <Sip>} in one
 * place and a {@code <Number>} in another. Schemes are read case-insensitively (as SIP and Twilio's SDK read them).
 */
public record DialTarget(Kind kind, String address) {

    public enum Kind {
        NUMBER,
        SIP,
        CLIENT
    }

    public static final String CLIENT_PREFIX = "client:";

    /** Twilio's {@code <Client>} takes identities of up to 256 characters. */
    public static final int CLIENT_IDENTITY_MAX = 256;

    /**
     * Twilio's rule for a client identifier: no control characters, spaces, URI delimiters ({@code < > # % "}) or
     * unwise characters ({@code { } | \ ^ [ ] `}); nor {@code ?}, after which Twilio reads a client address's
     * custom parameters. Printable ASCII only, so the identity reads the same in TwiML, the Calls API and a token.
     */
    private static final Pattern CLIENT_IDENTITY =
            Pattern.compile("[\\x21-\\x7E&&[^<>#%\"{}|\\\\^\\[\\]`?]]{1," + CLIENT_IDENTITY_MAX + "}");

    public static DialTarget of(String address) {
        if (hasScheme(address, "sip:") || hasScheme(address, "sips:")) {
            return new DialTarget(Kind.SIP, address);
        }
        if (hasScheme(address, CLIENT_PREFIX)) {
            return new DialTarget(Kind.CLIENT, address);
        }
        return new DialTarget(Kind.NUMBER, address);
    }

    /** What Twilio's TwiML noun holds: a client's bare identity ({@code <Client>} takes no scheme), else the address. */
    public String value() {
        return kind == Kind.CLIENT ? address.substring(CLIENT_PREFIX.length()) : address;
    }

    /**
     * A Twilio Client identity as a client gave it, with or without {@code client:} in front.
     *
     * @return the bare identity, or "" for none
     */
    public static String clientIdentity(String field, String given) {
        String text = given == null ? "" : given.strip();
        String identity = hasScheme(text, CLIENT_PREFIX) ? text.substring(CLIENT_PREFIX.length()) : text;
        boolean named = !identity.isEmpty() || !identity.equals(text); // "client:" alone names nobody
        if (named && !CLIENT_IDENTITY.matcher(identity).matches()) {
            throw BusinessException.invalid(
                    field,
                    "must be a Twilio Client identity (optionally after client:): 1-" + CLIENT_IDENTITY_MAX
                            + " printable ASCII characters, without spaces or any of < > # % \" { } | \\ ^ [ ] ` ?");
        }
        return identity;
    }

    private static boolean hasScheme(String address, String scheme) {
        return address.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
