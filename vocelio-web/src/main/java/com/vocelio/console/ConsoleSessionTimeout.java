package com.vocelio.console;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long an idle console session lives ({@code VOCELIO_CONSOLE_SESSION_TIMEOUT}): web.xml's 30 minutes can only be
 * changed by rebuilding the war, and an organization's policy (or a test) needs another value. The API is stateless,
 * so every HTTP session is the console's. A session that timed out sends the browser to sign-in with "session
 * expired" ({@link ConsoleAuthenticationMechanism}, {@link ConsoleExceptionHandler}).
 */
@WebListener
public class ConsoleSessionTimeout implements HttpSessionListener {

    @Inject
    @ConfigProperty(name = "vocelio.console.session-timeout", defaultValue = "PT30M")
    Duration timeout;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        // at least a second: 0 or less would mean "never expires" to the servlet container
        event.getSession().setMaxInactiveInterval((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
    }
}
