package com.vocelio.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Puts {@link RepeatedWarnings} in front of the server's log handlers for as long as the application runs, so that a
 * database outage is logged by the pool, the transaction manager and EclipseLink once a minute per kind of warning,
 * not once per failed request (the application's own lines, such as the sweeps pausing, are not limited). On the
 * handlers rather than the loggers: EclipseLink creates its session's logger only when it first connects.
 */
@Startup
@Singleton
public class LogLimits {

    static final List<String> SOURCES = List.of(
            "javax.enterprise.resource.resourceadapter", // the connection pool and the JDBC resource adapter
            "javax.enterprise.resource.jta", // the transaction manager
            "org.eclipse.persistence"); // EclipseLink
    static final Duration WINDOW = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(LogLimits.class.getName());

    @Inject
    Clock clock;

    /** Each handler's own filter, put back when the application stops (null entries: it had none). */
    private final Map<Handler, Filter> previous = new HashMap<>();

    private RepeatedWarnings limit;

    @PostConstruct
    void install() {
        limit = new RepeatedWarnings(SOURCES, WINDOW, clock, LOG::warning);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Filter before = handler.getFilter();
            previous.put(handler, before);
            handler.setFilter(record -> (before == null || before.isLoggable(record)) && limit.isLoggable(record));
        }
    }

    /** Counts of warnings dropped in an outage that is over are told within a minute, not at its next warning. */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void flush() {
        if (limit != null) {
            limit.flush();
        }
    }

    @PreDestroy
    void uninstall() {
        previous.forEach(Handler::setFilter);
        previous.clear();
    }
}
