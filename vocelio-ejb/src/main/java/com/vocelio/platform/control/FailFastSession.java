package com.vocelio.platform.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a query whose connection failed, three times a second apart by default: with the database
 * away, every request then waited about ten seconds before failing. The pool validates connections and replaces dead
 * ones itself, so a failed query fails at once here, and the client hears 503 with Retry-After (see {@link Failures}).
 * Named in persistence.xml ({@code eclipselink.session.customizer}).
 */
public class FailFastSession implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
