package com.vocelio.notification.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.notification.entity.Notification;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * An organization's notifications are its system alerts as the outbox keeps them (the same events the live feeds
 * push on {@code system_alert}), newest first, each marked read or not for the user who asks.
 */
@Stateless
@UnitOfWork
public class Notifications {

    private static final String SELECT =
            """
            select e.id, to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.payload->>'type', e.payload->>'severity', e.payload->>'critical',
                   e.payload->>'category', e.payload->>'title', e.payload->>'message', r.read_at is not null
            from events e
            left join notification_reads r on r.event_id = e.id and r.user_id = cast(?2 as uuid)
            where e.tenant_id = cast(?1 as uuid) and e.channel = '%s'
            """
                    .formatted(DomainEvent.SYSTEM_ALERT);

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    public List<Notification> latest(String userId, int limit, boolean unreadOnly) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em, SELECT + (unreadOnly ? " and r.read_at is null" : "") + " order by e.id desc limit ?3")
                .setParameter(1, tenant.id())
                .setParameter(2, userId)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream().map(Notifications::notification).toList();
    }

    /** Marks one notification read for the user; reading it twice is the same as once. */
    public Notification markRead(String userId, long id) {
        String tenantId = tenant.id();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(em, SELECT + " and e.id = ?3")
                .setParameter(1, tenantId)
                .setParameter(2, userId)
                .setParameter(3, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw new BusinessException(
                    BusinessException.Kind.NOT_FOUND, "unknown_notification", "No notification " + id);
        }
        Sql.of(
                        em,
                        """
                        insert into notification_reads (tenant_id, user_id, event_id)
                        values (cast(?1 as uuid), cast(?2 as uuid), ?3) on conflict do nothing""")
                .setParameter(1, tenantId)
                .setParameter(2, userId)
                .setParameter(3, id)
                .executeUpdate();
        Notification unread = notification(rows.get(0));
        return unread.asRead();
    }

    private static Notification notification(Object[] row) {
        String severity = text(row[3], "info");
        boolean critical = "true".equals(row[4]) || "critical".equals(severity);
        return new Notification(
                Long.toString(((Number) row[0]).longValue()),
                text(row[2], "info"),
                severity,
                critical ? "high" : "warning".equals(severity) ? "medium" : "low",
                text(row[5], "system"),
                text(row[6], ""),
                text(row[7], ""),
                (String) row[1],
                Boolean.TRUE.equals(row[8]));
    }

    private static String text(Object value, String absent) {
        return value == null ? absent : value.toString();
    }
}
