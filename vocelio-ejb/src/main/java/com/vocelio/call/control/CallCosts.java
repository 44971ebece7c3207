package com.vocelio.call.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What a call costs: AI minutes and human (transfer) minutes at their configured rates, in dollars. */
@ApplicationScoped
public class CallCosts {

    @Inject
    @ConfigProperty(name = "vocelio.billing.ai-cost-per-minute", defaultValue = "0.05")
    BigDecimal aiPerMinute;

    @Inject
    @ConfigProperty(name = "vocelio.billing.transfer-cost-per-minute", defaultValue = "0.15")
    BigDecimal transferPerMinute;

    public double cost(double aiMinutes, double transferMinutes) {
        return aiPerMinute
                .multiply(BigDecimal.valueOf(aiMinutes))
                .add(transferPerMinute.multiply(BigDecimal.valueOf(transferMinutes)))
                .setScale(4, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
