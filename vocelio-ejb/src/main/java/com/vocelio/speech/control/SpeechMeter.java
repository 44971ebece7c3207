package com.vocelio.speech.control;

import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.speech.entity.Audio;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Usage per organization and tier: one row per synthesis served (from the cache too, marked so), with its characters
 * and seconds, for billing and the wallet's statistics to sum. Written in the synthesis's transaction; native SQL, so
 * the organization is named here.
 */
@ApplicationScoped
public class SpeechMeter {

    /** One tier's totals. */
    public record Total(String tier, long syntheses, long characters, double seconds, long cached) {}

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    public void record(String tier, Audio audio, int characters, OffsetDateTime now) {
        Sql.of(
                        em,
                        "insert into speech_usage (tenant_id, tier, provider, voice_id, characters, seconds, cached,"
                                + " created_at) values (cast(? as uuid), ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, tenant.id())
                .setParameter(2, tier)
                .setParameter(3, audio.provider())
                .setParameter(4, audio.voiceId())
                .setParameter(5, characters)
                .setParameter(6, BigDecimal.valueOf(audio.seconds()).setScale(3, java.math.RoundingMode.HALF_UP))
                .setParameter(7, audio.cached())
                .setParameter(8, now)
                .executeUpdate();
    }

    /** The organization's totals per tier since {@code since}. */
    public List<Total> totals(OffsetDateTime since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        "select tier, count(*), coalesce(sum(characters), 0), coalesce(sum(seconds), 0),"
                                + " count(*) filter (where cached) from speech_usage where tenant_id = cast(? as uuid)"
                                + " and created_at >= ? group by tier order by tier")
                .setParameter(1, tenant.id())
                .setParameter(2, since)
                .getResultList();
        return rows.stream()
                .map(row -> new Total(
                        (String) row[0],
                        ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue(),
                        ((Number) row[3]).doubleValue(),
                        ((Number) row[4]).longValue()))
                .toList();
    }
}
