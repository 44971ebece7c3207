package com.vocelio.event.control;

import com.vocelio.event.entity.DomainEvent;
import com.vocelio.platform.control.AfterCommit;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Writes a unit of work's events to the outbox table in its own transaction, all in one statement, and has every
 * node's relay woken once that transaction committed (never for a rolled-back one; see {@link BusNotifier} for why
 * not {@code NOTIFY} inside the transaction).
 */
@ApplicationScoped
public class Outbox {

    public static final String CHANNEL = "vocelio_events";

    @Inject
    AfterCommit afterCommit;

    @Inject
    Wakeups wakeups;

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
                        select count(*) from written""")
                .setParameter(1, tenantId)
                .setParameter(2, rows.build().toString())
                .getSingleResult();
        afterCommit.run(wakeups::ask);
    }
}
