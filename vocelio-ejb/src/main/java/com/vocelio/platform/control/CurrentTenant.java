package com.vocelio.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that says which organization the current request belongs to. Until identity lands that is the
 * configured default organization; identity swaps this source for the caller's token and nothing else changes.
 * Fails closed: without an organization nothing runs.
 */
@ApplicationScoped
public class CurrentTenant {

    @Inject
    @ConfigProperty(name = "vocelio.tenancy.default-organization")
    String defaultOrganization;

    public String id() {
        if (defaultOrganization == null || defaultOrganization.isBlank()) {
            throw new IllegalStateException("No organization for this request");
        }
        return defaultOrganization;
    }
}
