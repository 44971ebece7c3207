package com.vocelio.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * While the database is away, every request that needs it makes the connection pool, the transaction manager and
 * EclipseLink each log a warning, most with a stack trace: a ten-second outage under load wrote some 80,000 lines,
 * burying when it began and ended. This lets the first warning of each kind through and drops its repeats for a
 * window; when the kind comes up again after the window, it is let through too, preceded by how many were dropped.
 * A kind is the logger, the level and the start of the message pattern, so a different failure is never hidden
 * behind the first one.
 *
 * <p>Only warnings and worse from the loggers named in {@code sources} (prefixes) are limited; everything else passes.
 * One instance serves every handler: a record the first handler was given is given to the others too.
 */
public final class RepeatedWarnings implements Filter {

    private static final int KIND_LENGTH = 120;
    private static final int MAX_KINDS = 1000;

    private final List<String> sources;
    private final Duration window;
    private final Clock clock;
    private final Consumer<String> report;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    /** When a kind was last let through (null: never), how many were dropped since, and the last decision. */
    private static final class Kind {
        Instant since;
        long dropped;
        long lastRecord = -1;
        boolean lastAnswer;
    }

    /** @param report says how many of a kind were dropped (called before the record that ends the silence) */
    public RepeatedWarnings(List<String> sources, Duration window, Clock clock, Consumer<String> report) {
        this.sources = List.copyOf(sources);
        this.window = window;
        this.clock = clock;
        this.report = report;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue() || !limited(record.getLoggerName())) {
            return true;
        }
        Instant now = clock.instant();
        long dropped;
        Instant silentSince;
        if (kinds.size() > MAX_KINDS) {
            kinds.clear(); // messages that differ in their first characters each time: forget rather than grow
        }
        var kind = kinds.computeIfAbsent(kind(record), key -> new Kind());
        synchronized (kind) {
            if (kind.lastRecord == record.getSequenceNumber()) {
                return kind.lastAnswer; // the same record, handed to the next handler
            }
            kind.lastRecord = record.getSequenceNumber();
            kind.lastAnswer = kind.since == null || !now.isBefore(kind.since.plus(window));
            if (!kind.lastAnswer) {
                kind.dropped++;
                return false;
            }
            dropped = kind.dropped;
            silentSince = kind.since;
            kind.since = now;
            kind.dropped = 0;
        }
        if (dropped > 0) {
            report.accept(dropped + " more like the next warning from " + record.getLoggerName()
                    + " were not logged since " + silentSince);
        }
        return true;
    }

    /** Says how many of each kind were dropped whose silence is over, for kinds that did not come up again. */
    public void flush() {
        Instant now = clock.instant();
        kinds.forEach((key, kind) -> {
            long dropped;
            Instant silentSince;
            synchronized (kind) {
                if (kind.dropped == 0 || now.isBefore(kind.since.plus(window))) {
                    return;
                }
                dropped = kind.dropped;
                silentSince = kind.since;
                kind.dropped = 0;
            }
            report.accept(dropped + " more warnings like " + key.substring(0, key.indexOf('|')) + "'s of " + silentSince
                    + " were not logged");
        });
    }

    private boolean limited(String logger) {
        return logger != null && sources.stream().anyMatch(logger::startsWith);
    }

    private static String kind(LogRecord record) {
        String message = String.valueOf(record.getMessage()).strip();
        return record.getLoggerName()
                + '|'
                + record.getLevel()
                + '|'
                + message.substring(0, Math.min(KIND_LENGTH, message.length()));
    }
}
