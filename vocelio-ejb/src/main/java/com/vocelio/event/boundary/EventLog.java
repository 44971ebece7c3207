package com.vocelio.event.boundary;

import com.vocelio.event.entity.StoredEvent;
import com.vocelio.event.entity.StoredEvent.Position;
import com.vocelio.platform.boundary.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox read as a log: what an organization's subscriber missed since an event it names, in delivery order and
 * only as far as is settled (rows of transactions older than the oldest one still running), and the retention purge.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventLog {

    private static final Logger LOG = Logger.getLogger(EventLog.class.getName());
    static final int PURGE_BATCH = 1_000;

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "vocelio.events.retention", defaultValue = "P7D")
    Duration retention;

    /** Where the event with this id stands, if the organization has it (it may have been purged). */
    public Optional<Position> positionOf(String tenantId, long eventId) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "select cast(tx as text) from events where id = ? and tenant_id = cast(? as uuid)")) {
            statement.setLong(1, eventId);
            statement.setString(2, tenantId);
            try (var rows = statement.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Position(Long.parseLong(rows.getString(1)), eventId))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the event log", e);
        }
    }

    /**
     * Up to {@code limit} settled events of the organization after {@code position} (and, when resuming from an event
     * no longer kept, with an id above {@code minimumId}), in delivery order.
     */
    public List<StoredEvent> after(String tenantId, Position position, long minimumId, int limit) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select " + StoredEvent.COLUMNS + " from events"
                        + " where tenant_id = cast(? as uuid) and (tx, id) > (cast(cast(? as text) as xid8), ?)"
                        + " and id > ? and tx < pg_snapshot_xmin(pg_current_snapshot())"
                        + " order by tx, id limit ?")) {
            statement.setString(1, tenantId);
            statement.setString(2, Long.toString(position.tx()));
            statement.setLong(3, position.id());
            statement.setLong(4, minimumId);
            statement.setInt(5, limit);
            try (var rows = statement.executeQuery()) {
                var events = new ArrayList<StoredEvent>();
                while (rows.next()) {
                    events.add(StoredEvent.read(rows));
                }
                return events;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the event log", e);
        }
    }

    /**
     * Deletes what is past retention in small batches, each its own short transaction: a long delete would hold back
     * event delivery on every node while it runs (delivery waits for older transactions to end).
     */
    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void purge() {
        int purged = 0;
        try (Connection connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        """
                        delete from events where id in (select id from events
                        where created_at < now() - cast(? as interval) order by id limit ?
                        for update skip locked)""")) {
            statement.setString(1, retention.toSeconds() + " seconds");
            statement.setInt(2, PURGE_BATCH);
            int batch;
            do {
                batch = statement.executeUpdate();
                purged += batch;
            } while (batch == PURGE_BATCH);
        } catch (SQLException e) {
            LOG.warning(() -> "Cannot purge old events: " + e.getMessage());
        }
        if (purged > 0) {
            int total = purged;
            LOG.info(() -> "Purged " + total + " events older than " + retention);
        }
    }
}
