package com.vocelio.speech.control;

import com.vocelio.identity.control.Secrets;
import com.vocelio.identity.control.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Preview links a bare {@code <audio src>} can play: a browser sends no bearer token there, so the voice lists hand
 * out {@code /voices/preview/{voice_id}} with the organization, an expiry and an HMAC-SHA256 over them, keyed by the
 * installation's derivation key (the one identity derives refresh tokens with, so every node checks what any node
 * signed). Expiries are rounded up to a window (a third of the lifetime, at most five minutes), so a list fetched twice
 * gives the same URLs and the browser's cache serves the second play.
 */
@ApplicationScoped
public class PreviewLinks {

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.speech.preview-link-ttl", defaultValue = "PT15M")
    Duration ttl;

    /** The query string that signs a preview of {@code voiceId} for {@code tenantId}. */
    public String query(String tenantId, String voiceId, String provider) {
        long window = Math.max(1, Math.min(300, ttl.toSeconds() / 3));
        long expires = (clock.instant().plus(ttl).getEpochSecond() / window + 1) * window;
        return "provider=" + encode(provider) + "&org=" + encode(tenantId) + "&expires=" + expires + "&signature="
                + signature(tenantId, voiceId, provider, expires);
    }

    /** The organization the link was signed for, if it is this installation's signature and has not expired. */
    public Optional<String> tenantOf(
            String voiceId, String provider, String tenantId, String expiry, String signature) {
        long expires;
        try {
            expires = Long.parseLong(expiry == null ? "" : expiry);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (tenantId == null || signature == null || clock.instant().getEpochSecond() >= expires) {
            return Optional.empty();
        }
        byte[] expected = signature(tenantId, voiceId, provider == null ? "" : provider, expires)
                .getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))
                ? Optional.of(tenantId)
                : Optional.empty();
    }

    private String signature(String tenantId, String voiceId, String provider, long expires) {
        return Secrets.derive(
                "",
                keys.derivationKey(),
                "voice-preview\n" + tenantId + "\n" + voiceId + "\n" + provider + "\n" + expires);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
