package com.vocelio.call.boundary;

import com.vocelio.call.control.Providers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which telephony this installation runs (what the hub and capabilities report): {@code twilio} when configured with
 * an account and token (or chosen with {@code vocelio.telephony.provider}), else {@code simulated}, which needs
 * nothing and works offline.
 */
@ApplicationScoped
public class Telephony {

    public static final String TWILIO = "twilio";
    public static final String SIMULATED = "simulated";

    @Inject
    Providers providers;

    public String provider() {
        return providers.name();
    }
}
