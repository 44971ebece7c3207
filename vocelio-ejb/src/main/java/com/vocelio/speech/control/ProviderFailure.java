package com.vocelio.speech.control;

/** A speech provider did not give audio (or a voice list): down, too slow, refusing our key, or talking nonsense. */
public class ProviderFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final String reason;

    public ProviderFailure(String provider, String reason) {
        this(provider, reason, null);
    }

    public ProviderFailure(String provider, String reason, Throwable cause) {
        super(provider + " " + reason, cause);
        this.provider = provider;
        this.reason = reason;
    }

    /** What went wrong, without the provider's name. */
    public String reason() {
        return reason;
    }

    public String provider() {
        return provider;
    }
}
