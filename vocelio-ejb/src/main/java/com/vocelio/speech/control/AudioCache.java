package com.vocelio.speech.control;

import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.speech.entity.Audio;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Synthesized audio by content address ({@link com.vocelio.speech.entity.Utterance#cacheKey}), in PostgreSQL so that
 * every node shares it. Entries live {@code vocelio.speech.cache.ttl} from their synthesis; past
 * {@code vocelio.speech.cache.max-mb} the least recently used go. The cache only ever saves work: when it cannot be
 * read or written, synthesis goes on without it (and says so in the log). Each call is its own short transaction,
 * never one that waits on a provider.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AudioCache {

    private static final Logger LOG = Logger.getLogger(AudioCache.class.getName());
    private static final AtomicLong HITS = new AtomicLong();
    private static final AtomicLong MISSES = new AtomicLong();

    /** What this node's cache did since it started, and what the shared store holds. */
    public record Statistics(long hits, long misses, long entries, long bytes) {

        public double hitRate() {
            return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
        }
    }

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "vocelio.speech.cache.ttl", defaultValue = "P30D")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "vocelio.speech.cache.max-mb", defaultValue = "256")
    long maxMegabytes;

    public Optional<Audio> find(String key) {
        if (maxMegabytes <= 0) {
            return Optional.empty();
        }
        String sql = "update speech_cache set last_used_at = now(), hits = hits + 1"
                + " where cache_key = ? and created_at > now() - make_interval(secs => ?)"
                + " returning audio, media_type, provider, voice_id, seconds";
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.setDouble(2, ttl.toSeconds());
            try (var rows = statement.executeQuery()) {
                if (rows.next()) {
                    HITS.incrementAndGet();
                    return Optional.of(new Audio(
                            rows.getBytes(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getDouble(5),
                            true));
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Speech cache not read; synthesizing instead: {0}", e.getMessage());
        }
        MISSES.incrementAndGet();
        return Optional.empty();
    }

    /** Stores (or refreshes) an entry, then trims the store to its size and age limits. */
    public void store(String key, Audio audio) {
        if (maxMegabytes <= 0 || audio.bytes().length > maxMegabytes * 1024 * 1024) {
            return;
        }
        String upsert =
                "insert into speech_cache (cache_key, audio, size_bytes, media_type, provider, voice_id, seconds)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict (cache_key) do update set audio = excluded.audio,"
                        + " size_bytes = excluded.size_bytes, created_at = now(), last_used_at = now()";
        String expire = "delete from speech_cache where created_at <= now() - make_interval(secs => ?)";
        // the newest entries up to the limit stay: a running total over last use, newest first
        String trim = "delete from speech_cache where cache_key in (select cache_key from (select cache_key,"
                + " sum(size_bytes) over (order by last_used_at desc, cache_key) as running from speech_cache) t"
                + " where running > ?)";
        try (var connection = dataSource.getConnection()) {
            try (var statement = connection.prepareStatement(upsert)) {
                statement.setString(1, key);
                statement.setBytes(2, audio.bytes());
                statement.setInt(3, audio.bytes().length);
                statement.setString(4, audio.mediaType());
                statement.setString(5, audio.provider());
                statement.setString(6, audio.voiceId());
                statement.setDouble(7, audio.seconds());
                statement.executeUpdate();
            }
            try (var statement = connection.prepareStatement(expire)) {
                statement.setDouble(1, ttl.toSeconds());
                statement.executeUpdate();
            }
            try (var statement = connection.prepareStatement(trim)) {
                statement.setLong(1, maxMegabytes * 1024 * 1024);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Speech cache not written: {0}", e.getMessage());
        }
    }

    /** This node's hits since it started. */
    public static long hits() {
        return HITS.get();
    }

    public static long misses() {
        return MISSES.get();
    }

    /** Hits ÷ look-ups on this node since it started; 0 before the first. */
    public static double hitRate() {
        return new Statistics(HITS.get(), MISSES.get(), 0, 0).hitRate();
    }

    public Statistics statistics() {
        long entries = 0;
        long bytes = 0;
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement("select count(*), coalesce(sum(size_bytes), 0) from speech_cache");
                var rows = statement.executeQuery()) {
            if (rows.next()) {
                entries = rows.getLong(1);
                bytes = rows.getLong(2);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Speech cache size not read: {0}", e.getMessage());
        }
        return new Statistics(HITS.get(), MISSES.get(), entries, bytes);
    }
}
