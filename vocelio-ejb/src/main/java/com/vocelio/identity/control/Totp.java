package com.vocelio.identity.control;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps use them: SHA-1, 6 digits, 30-second steps, a
 * 160-bit secret in Base32. A code of the previous or next step is accepted too (clock drift).
 */
public final class Totp {

    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();
    private static final Base32 BASE32 = new Base32();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return BASE32.encodeToString(secret).replace("=", "");
    }

    public static boolean verify(String secret, String code, Instant at) {
        return matchingStep(secret, code, at).isPresent();
    }

    /** The time step (seconds since the epoch ÷ 30) whose code this is, if it is one of those accepted at {@code at}. */
    public static OptionalLong matchingStep(String secret, String code, Instant at) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        int expected = Integer.parseInt(code.strip());
        Duration step = GENERATOR.getTimeStep();
        for (int drift = -1; drift <= 1; drift++) {
            Instant moment = at.plus(step.multipliedBy(drift));
            if (codeAt(secret, moment) == expected) {
                return OptionalLong.of(moment.getEpochSecond() / step.getSeconds());
            }
        }
        return OptionalLong.empty();
    }

    public static int codeAt(String secret, Instant at) {
        try {
            return GENERATOR.generateOneTimePassword(new SecretKeySpec(BASE32.decode(secret), "HmacSHA1"), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("Unusable TOTP secret", e);
        }
    }

    /** The {@code otpauth://} URI an authenticator app reads from a QR code. */
    public static String uri(String issuer, String account, String secret) {
        String label = URLEncoder.encode(issuer + ":" + account, StandardCharsets.UTF_8);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8) + "&algorithm=SHA1&digits=6&period=30";
    }
}
