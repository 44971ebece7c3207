package com.vocelio.call.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which telephony places new calls: {@code twilio} when configured with an account and token (or chosen with
 * {@code vocelio.telephony.provider}), else {@code simulated}, which needs nothing and works offline. A call keeps
 * the provider that placed it ({@link #of(String)}).
 */
@ApplicationScoped
public class Providers {

    @Inject
    @ConfigProperty(name = "vocelio.telephony.provider", defaultValue = "auto")
    String chosen;

    @Inject
    TwilioSettings twilioSettings;

    @Inject
    SimulatedTelephony simulated;

    @Inject
    TwilioTelephony twilio;

    public String name() {
        String name = chosen.strip().toLowerCase(Locale.ROOT);
        if (name.equals(TwilioTelephony.NAME) || name.equals(SimulatedTelephony.NAME)) {
            return name;
        }
        return twilioSettings.configured() ? TwilioTelephony.NAME : SimulatedTelephony.NAME;
    }

    public TelephonyProvider current() {
        return of(name());
    }

    public TelephonyProvider of(String name) {
        return TwilioTelephony.NAME.equals(name) ? twilio : simulated;
    }
}
