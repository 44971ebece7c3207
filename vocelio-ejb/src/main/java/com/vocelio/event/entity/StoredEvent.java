package com.vocelio.event.entity;

import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An event as the outbox holds it. Delivery follows {@link Position} — the writing transaction, then the id — which is
 * the order in which events become settled; ids alone do not commit in order. One instance reaches every subscriber
 * of its organization on a node, so its parsed payload, its wire envelope and whatever a kind of subscriber derives
 * from it are made once.
 */
public final class StoredEvent {

    /**
     * The columns every reader selects, in {@link #read}'s order. The transaction id goes out as text under a name of its own: named {@code tx}
     * (what PostgreSQL calls {@code cast(tx as text)}), it is what {@code order by tx} sorts — an output column wins
     * over the table's column of the same name — and as text {@code 1000} comes before {@code 999}. Readers delivered
     * out of order where a batch crossed such a boundary, and a subscriber passed over the lower ones for good.
     */
    public static final String COLUMNS = "id, cast(tx as text) as tx_text, cast(tenant_id as text), type, channel,"
            + " created_at, cast(payload as text)";

    /** Reads one row selected with {@link #COLUMNS}. */
    public static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(
                row.getLong(1),
                Long.parseLong(row.getString(2)),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getObject(6, OffsetDateTime.class),
                row.getString(7));
    }

    /** Where an event stands in delivery order. */
    public record Position(long tx, long id) implements Comparable<Position> {

        public static final Position START = new Position(0, 0);

        @Override
        public int compareTo(Position other) {
            int byTx = Long.compare(tx, other.tx);
            return byTx != 0 ? byTx : Long.compare(id, other.id);
        }

        public boolean after(Position other) {
            return compareTo(other) > 0;
        }
    }

    private final long id;
    private final Position position;
    private final String tenantId;
    private final String type;
    private final String channel;
    private final OffsetDateTime timestamp;
    private final String payload;
    private volatile JsonObject parsed;
    private volatile String envelope;
    private final Map<Object, Object> derived = new ConcurrentHashMap<>(4);

    public StoredEvent(
            long id, long tx, String tenantId, String type, String channel, OffsetDateTime timestamp, String payload) {
        this.id = id;
        this.position = new Position(tx, id);
        this.tenantId = tenantId;
        this.type = type;
        this.channel = channel;
        this.timestamp = timestamp;
        this.payload = payload;
    }

    public long id() {
        return id;
    }

    public Position position() {
        return position;
    }

    public String tenantId() {
        return tenantId;
    }

    public String type() {
        return type;
    }

    public String channel() {
        return channel;
    }

    public OffsetDateTime timestamp() {
        return timestamp;
    }

    public String payload() {
        return payload;
    }

    public JsonObject payloadObject() {
        JsonObject object = parsed;
        if (object == null) {
            try (var reader = Jsons.reader(payload)) {
                object = reader.readObject();
            }
            parsed = object;
        }
        return object;
    }

    /**
     * What {@code make} derives from this event, made once per {@code key} (one per kind of subscriber, say) however
     * many subscribers ask.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, Function<? super StoredEvent, ? extends T> make) {
        return (T) derived.computeIfAbsent(key, k -> make.apply(this));
    }

    /** A text field of the payload, "" when absent. */
    public String text(String field) {
        return payloadObject().getString(field, "");
    }

    /**
     * The wire envelope {@code {id, type, channel, tenant_id, timestamp, payload, data}}; {@code data} repeats the
     * payload for the seed guide's clients, which read that key.
     */
    public String envelope() {
        String text = envelope;
        if (text == null) {
            text = envelope(type, payload);
            envelope = text;
        }
        return text;
    }

    /** The envelope under another type name and payload, for feeds that speak another dialect. */
    public String envelope(String wireType, String wirePayload) {
        return envelope(Long.toString(id), wireType, channel, tenantId, timestamp.toString(), wirePayload);
    }

    /** An envelope; something derived rather than stored (live counts) has no id: nothing to resume from. */
    public static String envelope(
            String id, String type, String channel, String tenantId, String timestamp, String payload) {
        var json = new StringBuilder(160 + 2 * payload.length()).append('{');
        if (id != null) {
            json.append("\"id\":\"").append(id).append("\",");
        }
        return json.append("\"type\":\"")
                .append(type)
                .append("\",\"channel\":\"")
                .append(channel)
                .append("\",\"tenant_id\":\"")
                .append(tenantId)
                .append("\",\"timestamp\":\"")
                .append(timestamp)
                .append("\",\"payload\":")
                .append(payload)
                .append(",\"data\":")
                .append(payload)
                .append('}')
                .toString();
    }
}
