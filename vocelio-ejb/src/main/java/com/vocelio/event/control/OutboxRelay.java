package com.vocelio.event.control;

import com.vocelio.event.entity.FiguresDue;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.event.entity.StoredEvent.Position;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Failures;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;

/**
 * This node's end of the bus: one connection that {@code LISTEN}s for {@link BusNotifier}'s {@code NOTIFY}, reads the rows
 * that became settled since its cursor — in (transaction, id) order, and only those of transactions older than the
 * oldest one still running, so a row whose id was drawn early but committed late is never passed over — and hands
 * them to this node's subscribers. A missed notification costs nothing: the cursor is in the table, so the relay
 * also reads on a short timer and, when its connection is lost (the database restarted, the connection was
 * terminated), reconnects with a growing pause and catches up from the cursor before it listens again, so sockets
 * keep their subscription and get what was committed meanwhile, once. Then it refreshes the live counts of the
 * organizations those events touched, for the subscribers that show them: {@code vocelio.events.figures-interval}
 * after the first event that touched them, so the events go out first and a busy organization's counts cost one
 * query per interval, not per event.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 500;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    Subscribers subscribers;

    @Inject
    Event<FiguresDue> figuresDueEvent;

    @Inject
    EventMetrics metrics;

    @Inject
    CurrentTenant tenant;

    @Inject
    BusConnections connections;

    @Inject
    @ConfigProperty(name = "vocelio.events.poll-interval-ms", defaultValue = "500")
    int pollMillis;

    @Inject
    @ConfigProperty(name = "vocelio.events.reconnect-max-ms", defaultValue = "2000")
    long reconnectMaxMillis;

    private volatile boolean running = true;
    private Thread worker;

    @Inject
    @ConfigProperty(name = "vocelio.events.figures-interval", defaultValue = "PT0.25S")
    Duration figuresInterval;

    /** How long committed rows may wait for an older transaction before the relay says which one holds them. */
    private static final long HOLD_WARNING_NANOS = 5_000_000_000L;

    private Position cursor; // the worker's alone, like the fields below
    private Position heldAt; // the cursor while rows wait, and since when
    private long heldSince;
    private boolean warnedHolding;
    private final Set<String> dueFigures = new LinkedHashSet<>();
    private long figuresDue;

    /** Counts are read on their own thread, in order: a slow query or a busy pool never holds up delivery. */
    private ExecutorService counting;

    @PostConstruct
    void start() {
        counting = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        worker = threads.newThread(this::run);
        worker.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        counting.shutdownNow();
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            try (Connection connection = connections.open("vocelio-events")) {
                try (var statement = connection.createStatement()) {
                    statement.execute("listen " + Outbox.CHANNEL);
                }
                if (cursor == null) {
                    cursor = watermark(connection);
                }
                if (failures > 0) {
                    LOG.info(() -> "Event relay reconnected; catching up from " + cursor);
                    failures = 0;
                }
                var notifications = connection.unwrap(PGConnection.class);
                int heldFor = 0;
                while (running) {
                    boolean heldBack = relay(connection); // after a reconnect: first what was missed meanwhile
                    watchHolding(connection, heldBack);
                    // rows held back wait for an older transaction, which may write no event (no NOTIFY): look again
                    // soon, then less and less often while it lasts; counts wait for their interval
                    heldFor = heldBack ? Math.min(pollMillis, Math.max(5, heldFor * 2)) : 0;
                    notifications.getNotifications(
                            heldBack ? heldFor : dueFigures.isEmpty() ? pollMillis : untilFigures());
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    long wait = backoff(failures++);
                    if (failures == 1) {
                        LOG.log(
                                Level.WARNING,
                                "Event relay lost its database connection (" + e.getMessage()
                                        + "); reconnecting, first in " + wait + " ms",
                                Failures.databaseUnavailable(e) ? null : e);
                    } else {
                        LOG.fine(() -> "Event relay still cannot reach the database: " + e.getMessage());
                    }
                    pause(wait);
                }
            }
        }
    }

    /**
     * Rows held back wait for the oldest transaction still running, whatever it is: one left open (a console session,
     * a long import in one transaction) holds every organization's live events back for as long as it lasts, on every
     * node. Not a loss, and nothing to do here but say so, once, naming that transaction, so that an operator can end
     * it; and again when delivery resumes. Waiting rows alone are no sign (under load there always are some): the
     * cursor standing still while they wait is.
     */
    private void watchHolding(Connection connection, boolean heldBack) throws SQLException {
        boolean standing = heldBack && cursor.equals(heldAt);
        if (!standing) {
            if (warnedHolding) {
                long seconds = (System.nanoTime() - heldSince) / 1_000_000_000L;
                LOG.info(() -> "Event relay delivers again, after events were held back " + seconds + " s");
            }
            warnedHolding = false;
            heldAt = heldBack ? cursor : null;
            heldSince = System.nanoTime();
        } else if (!warnedHolding && System.nanoTime() - heldSince > HOLD_WARNING_NANOS) {
            warnedHolding = true;
            LOG.warning("Event relay: committed events have waited " + HOLD_WARNING_NANOS / 1_000_000_000L
                    + " s for an older transaction to end; live events are held back until it does. Oldest: "
                    + oldestTransaction(connection));
        }
    }

    private static String oldestTransaction(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("select pid, application_name, state,"
                        + " cast(extract(epoch from clock_timestamp() - xact_start) as bigint),"
                        + " left(query, 200) from pg_stat_activity where backend_xid is not null"
                        + " order by age(backend_xid) desc limit 1")) {
            if (!rows.next()) {
                return "none running now (a prepared transaction? see pg_prepared_xacts)";
            }
            return "pid " + rows.getLong(1) + " (" + rows.getString(2) + ", " + rows.getString(3) + ", open "
                    + rows.getLong(4) + " s): "
                    + String.valueOf(rows.getString(5)).replaceAll("\\s+", " ");
        }
    }

    /** 100 ms, doubling to {@code vocelio.events.reconnect-max-ms}: quick after a blip, gentle in an outage. */
    private long backoff(int failures) {
        return Math.min(reconnectMaxMillis, 100L << Math.min(failures, 10));
    }

    /** Delivers what is settled after the cursor; whether committed rows are still held back. */
    private boolean relay(Connection connection) throws SQLException {
        Set<String> touched = new LinkedHashSet<>();
        boolean heldBack = false;
        boolean more = true;
        while (more && !heldBack) {
            int read = 0;
            try (var statement = connection.prepareStatement("select " + StoredEvent.COLUMNS
                    + ", tx < pg_snapshot_xmin(pg_current_snapshot()) from events"
                    + " where (tx, id) > (cast(cast(? as text) as xid8), ?) order by tx, id limit " + BATCH)) {
                statement.setString(1, Long.toString(cursor.tx()));
                statement.setLong(2, cursor.id());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        read++;
                        if (!rows.getBoolean(8)) {
                            heldBack = true; // settled rows come first in (tx, id) order: the rest wait too
                            break;
                        }
                        StoredEvent event = StoredEvent.read(rows);
                        subscribers.deliver(event);
                        metrics.relayed(event);
                        cursor = event.position();
                        if (!event.channel().equals("live_call")
                                && !event.channel().equals("system_alert")) {
                            touched.add(event.tenantId());
                        }
                    }
                }
            }
            more = read == BATCH;
        }
        if (dueFigures.isEmpty() && !touched.isEmpty()) {
            figuresDue = System.nanoTime() + figuresInterval.toNanos(); // after the events themselves went out
        }
        dueFigures.addAll(touched);
        if (!dueFigures.isEmpty() && System.nanoTime() - figuresDue >= 0) {
            for (String tenantId : dueFigures) {
                if (subscribers.wantFigures(tenantId)) {
                    counting.execute(() -> refreshFigures(tenantId));
                }
            }
            dueFigures.clear();
        }
        return heldBack;
    }

    private int untilFigures() {
        return (int) Math.max(1, Math.min(pollMillis, (figuresDue - System.nanoTime()) / 1_000_000));
    }

    private void refreshFigures(String tenantId) {
        try {
            tenant.runAs(tenantId, () -> {
                figuresDueEvent.fire(new FiguresDue(tenantId));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Cannot refresh live figures of organization " + tenantId,
                    Failures.databaseUnavailable(e) ? null : e);
        }
    }

    /** Everything before the oldest running transaction is history: a starting node delivers from there. */
    private static Position watermark(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)")) {
            rows.next();
            return new Position(Long.parseLong(rows.getString(1)), 0);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
