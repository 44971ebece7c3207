package com.vocelio.call.rest;

import com.twilio.security.RequestValidator;
import com.vocelio.call.control.TwilioSettings;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Proves a webhook came from Twilio: {@code X-Twilio-Signature} must be the HMAC of the URL Twilio called and the
 * form it sent, under our auth token. Twilio signs the public URL, which is not the one we see behind a proxy, so
 * the URL is rebuilt from {@code X-Forwarded-Host}/{@code X-Forwarded-Proto} when a proxy sets them, else from
 * {@code vocelio.public-url} (a forged header gains nothing: a valid signature still needs the token, and a replayed
 * one is a replay to that URL either way). No token configured, no
 * webhook is believed.
 */
@ApplicationScoped
public class TwilioSignatures {

    @Inject
    TwilioSettings settings;

    public void verify(HttpHeaders headers, UriInfo uri, MultivaluedMap<String, String> form) {
        String signature = headers.getHeaderString("X-Twilio-Signature");
        var token = settings.authToken();
        if (signature == null || signature.isBlank() || token.isEmpty()) {
            throw refused();
        }
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        if (!new RequestValidator(token.get()).validate(publicUrl(headers, uri), params, signature)) {
            throw refused();
        }
    }

    /**
     * What Twilio called: the proxy's {@code X-Forwarded-Host} (and {@code -Proto}) when one says so, else the
     * configured public address, else the URL as we see it.
     */
    String publicUrl(HttpHeaders headers, UriInfo uri) {
        URI seen = uri.getRequestUri();
        String pathAndQuery = seen.getRawPath() + (seen.getRawQuery() == null ? "" : "?" + seen.getRawQuery());
        String host = first(headers.getHeaderString("X-Forwarded-Host"));
        if (host != null) {
            String proto = first(headers.getHeaderString("X-Forwarded-Proto"));
            return (proto != null ? proto : seen.getScheme()) + "://" + host + pathAndQuery;
        }
        return settings.publicUrl().orElse(seen.getScheme() + "://" + seen.getRawAuthority()) + pathAndQuery;
    }

    /** A proxy chain lists values comma-separated; the first is what the client used. */
    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",")[0].strip();
    }

    private static BusinessException refused() {
        return new BusinessException(
                BusinessException.Kind.FORBIDDEN, "invalid_signature", "X-Twilio-Signature is missing or wrong");
    }
}
