package com.vocelio.event.control;

import com.vocelio.event.entity.DomainEvent;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Writes a unit of work's events to the outbox table in its own transaction, all in one statement, and wakes every
 * node with {@code NOTIFY} (delivered at commit, never for a rolled-back transaction; repeats within a transaction
 * are folded into one by PostgreSQL).
 */
@ApplicationScoped
public class Outbox {

    public static final String CHANNEL = "vocelio_events";

    public void write(EntityManager em, String tenantId, List<DomainEvent> events) {
        var rows = Jsons.arrayBuilder();
        for (DomainEvent event : events) {
            rows.add(Jsons.objectBuilder()
                    .add("type", event.type())
                    .add("channel", event.channel())
                    .add("payload", event.payload()));
        }
        Sql.of(
                        em,
                        """
                        with written as (
                            insert into events (tenant_id, type, channel, payload)
                            select cast(?1 as uuid), e ->> 'type', e ->> 'channel', e -> 'payload'
                            from json_array_elements(cast(?2 as json)) with ordinality as x(e, n) order by n
                            returning id)
                        select count(*) from written, pg_notify('"""
                                + CHANNEL
                                + "', '')")
                .setParameter(1, tenantId)
                .setParameter(2, rows.build().toString())
                .getSingleResult();
    }
}
