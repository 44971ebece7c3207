package com.vocelio.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives the server's log handlers the {@link ContextFormatter} for as long as the application runs, so that every
 * line logged inside a request names its request id and organization, and lines are JSON objects when
 * {@code vocelio.log.format} ({@code VOCELIO_LOG_FORMAT}) is {@code json}. The handlers' own formatters come back when
 * the application stops.
 */
@Startup
@Singleton
public class LogFormat {

    private static final Logger LOG = Logger.getLogger(LogFormat.class.getName());

    @Inject
    @ConfigProperty(name = "vocelio.log.format", defaultValue = "plain")
    String format;

    private final Map<Handler, Formatter> previous = new HashMap<>();

    @PostConstruct
    void install() {
        String chosen = format.strip().toLowerCase(Locale.ROOT);
        boolean json = chosen.equals("json");
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Formatter before = handler.getFormatter();
            if (before instanceof ContextFormatter ours) {
                before = ours.plain(); // left by an earlier deployment that did not stop cleanly
            }
            if (before == null) {
                before = new java.util.logging.SimpleFormatter();
            }
            previous.put(handler, before);
            handler.setFormatter(new ContextFormatter(before, json));
        }
        if (!json && !chosen.equals("plain")) {
            LOG.warning(() -> "VOCELIO_LOG_FORMAT must be plain or json, not " + format + "; logging plain text");
        }
    }

    @PreDestroy
    void uninstall() {
        previous.forEach(Handler::setFormatter);
        previous.clear();
    }
}
