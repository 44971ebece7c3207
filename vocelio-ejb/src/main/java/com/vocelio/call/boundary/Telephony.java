package com.vocelio.call.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which telephony this installation runs (what the hub and capabilities report): {@code twilio} when configured with an account and token (or chosen with
 * {@code vocelio.telephony.provider}), else {@code simulated}, which needs nothing and works offline.
 */
@ApplicationScoped
public class Telephony {

    public static final String TWILIO = "twilio";
    public static final String SIMULATED = "simulated";

    @Inject
    @ConfigProperty(name = "vocelio.telephony.provider", defaultValue = "auto")
    String provider;

    @Inject
    @ConfigProperty(name = "twilio.account-sid")
    Optional<String> accountSid;

    @Inject
    @ConfigProperty(name = "twilio.auth-token")
    Optional<String> authToken;

    public String provider() {
        String chosen = provider.strip().toLowerCase(Locale.ROOT);
        if (chosen.equals(TWILIO) || chosen.equals(SIMULATED)) {
            return chosen;
        }
        return configured(accountSid) && configured(authToken) ? TWILIO : SIMULATED;
    }

    private static boolean configured(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
