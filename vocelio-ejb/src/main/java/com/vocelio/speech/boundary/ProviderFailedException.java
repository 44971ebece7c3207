package com.vocelio.speech.boundary;

import com.vocelio.platform.boundary.BusinessException;
import java.util.List;

/**
 * A speech provider we depend on failed (down, too slow, refusing our key): not the client's mistake and not ours,
 * so the REST layer answers 502 (Bad Gateway) naming the provider. Nothing is written for a failed synthesis.
 */
public class ProviderFailedException extends BusinessException {

    private static final long serialVersionUID = 1L;

    private final String provider;

    public ProviderFailedException(String provider, String message) {
        super(
                Kind.UPSTREAM_FAILED,
                "provider_failed",
                "Speech provider " + provider + " failed: " + message,
                List.of(new Detail("provider", provider)));
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
