package com.vocelio.identity.control;

import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.platform.control.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Access tokens are verified without the database, so a user deactivated, deleted, demoted or given a new password
 * would keep working until their token expires. Instead, that change writes an {@code access_revoked} event with the
 * second from which the user's tokens count again; the outbox carries it to every node like any other event, and each
 * node keeps, per user, the latest such second for as long as a token issued before it could still be alive. A token
 * issued before its user's second is refused. It costs one map lookup per request, usually in an empty map.
 */
@ApplicationScoped
public class AccessRevocations {

    /** The outbox channel: no client feed subscribes to it. */
    public static final String CHANNEL = "access";

    static final String REVOKED = "access_revoked";

    @Inject
    Clock clock;

    @Inject
    Subscribers subscribers;

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "vocelio.auth.access-token-ttl", defaultValue = "PT15M")
    Duration ttl;

    /** user id → the epoch second before which their tokens no longer count */
    private final Map<String, Long> validFrom = new ConcurrentHashMap<>();

    /** Watches first, then reads what was written before: an event in between is seen once or twice, never missed. */
    @PostConstruct
    void start() {
        subscribers.watch(CHANNEL, this::take);
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "select cast(payload as text) from events where channel = ? and type = ?"
                                + " and created_at > now() - cast(? as interval)")) {
            statement.setString(1, CHANNEL);
            statement.setString(2, REVOKED);
            statement.setString(3, ttl.plusMinutes(1).toSeconds() + " seconds");
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    try (var reader = Jsons.reader(rows.getString(1))) {
                        take(reader.readObject());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the recent access revocations", e);
        }
    }

    /**
     * The event that revokes every token the user holds now: the whole current second counts as before, so a token
     * signed in the same second as the revocation (token times are whole seconds) is refused too.
     */
    public static DomainEvent revoke(String userId, Instant at) {
        return DomainEvent.of(
                REVOKED,
                CHANNEL,
                Jsons.objectBuilder()
                        .add("user_id", userId)
                        .add("valid_from", at.getEpochSecond() + 1)
                        .build());
    }

    /** Whether the token was issued before its user's latest revocation. */
    public boolean revoked(VerifiedToken token) {
        Long from = validFrom.get(token.getSubject());
        return from != null && token.getIssuedAtTime() < from;
    }

    /** Whether the event revokes this token: live connections end when their user's access does. */
    public static boolean revokes(StoredEvent event, VerifiedToken token) {
        return event.type().equals(REVOKED)
                && token != null
                && event.text("user_id").equals(token.getSubject())
                && token.getIssuedAtTime()
                        < event.payloadObject().getJsonNumber("valid_from").longValue();
    }

    /** The earliest second a new token for the user may carry: after a revocation in this second, the next one. */
    public Instant earliestIssue(String userId, Instant now) {
        Long from = validFrom.get(userId);
        return from != null && now.getEpochSecond() < from ? Instant.ofEpochSecond(from) : now;
    }

    private void take(StoredEvent event) {
        if (event.type().equals(REVOKED)) {
            take(event.payloadObject());
        }
    }

    private void take(jakarta.json.JsonObject payload) {
        long from = payload.getJsonNumber("valid_from").longValue();
        validFrom.merge(payload.getString("user_id"), from, Math::max);
        forgetExpired();
    }

    /** A revocation older than a token's lifetime refuses nothing more: every token it covered has expired. */
    private void forgetExpired() {
        long horizon = clock.instant().minus(ttl).getEpochSecond() - 1;
        validFrom.values().removeIf(from -> from < horizon);
    }
}
