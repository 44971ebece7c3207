package com.vocelio.identity.boundary;

import com.vocelio.identity.control.TenantDirectory;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On an empty database, when demo mode is on ({@code ./vocelio run} turns it on unless
 * {@code VOCELIO_MODE=production}), creates a demo organization with an admin and a supervisor so that a newcomer
 * can sign in at once. Never on its own: {@code vocelio.demo.enabled} is false by default.
 */
@Startup
@Singleton
@DependsOn("SigningKeys")
public class DemoOrganization {

    private static final Logger LOG = Logger.getLogger(DemoOrganization.class.getName());

    @Inject
    @ConfigProperty(name = "vocelio.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "vocelio.demo.admin-email", defaultValue = "admin@demo.vocelio.dev")
    String adminEmail;

    @Inject
    @ConfigProperty(name = "vocelio.demo.supervisor-email", defaultValue = "supervisor@demo.vocelio.dev")
    String supervisorEmail;

    @Inject
    @ConfigProperty(name = "vocelio.demo.password", defaultValue = "vocelio-demo")
    String password;

    @Inject
    TenantDirectory directory;

    @Inject
    Registrations registrations;

    @Inject
    Users users;

    @Inject
    CurrentTenant tenant;

    @PostConstruct
    void seed() {
        if (!enabled || directory.anyUserExists()) {
            return;
        }
        var session = registrations.register(
                new RegistrationRequest(adminEmail, password, "Demo", "Admin", "Vocelio Demo", "demo"));
        tenant.runAs(
                session.organization().id(),
                () -> users.create(
                        new UserRequest(supervisorEmail, password, "Demo", "Supervisor", "supervisor", null, true)));
        LOG.info(() -> "Created the demo organization: " + adminEmail + " and " + supervisorEmail);
    }
}
