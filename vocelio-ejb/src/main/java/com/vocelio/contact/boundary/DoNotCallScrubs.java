package com.vocelio.contact.boundary;

import com.vocelio.contact.control.DoNotCallEvents;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Checks a contact list against all of the organization's do-not-call lists before a campaign dials it, in one
 * statement whatever the list's size; asked to, takes the blocked contacts off the list (they stay contacts, flagged).
 */
@Stateless
@UnitOfWork
public class DoNotCallScrubs {

    /** What a scrub found: {@code blocked} of {@code checked} contacts, {@code removed} of them taken off the list. */
    public record Scrub(String listId, long checked, long blocked, long removed, List<String> blockedPhones) {}

    private static final String BLOCKED =
            "exists (select 1 from dnc_entries d where d.tenant_id = c.tenant_id and d.phone = c.phone)";

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    ContactLists lists;

    @Inject
    DoNotCallEvents events;

    public Scrub scrub(String listId, boolean remove, String userId) {
        lists.require(listId);
        Object[] counts = (Object[]) Sql.of(
                        em,
                        "select count(*), count(*) filter (where " + BLOCKED + ") from contact_list_memberships m"
                                + " join contacts c on c.id = m.contact_id"
                                + " where m.tenant_id = cast(?1 as uuid) and m.list_id = cast(?2 as uuid)")
                .setParameter(1, tenant.id())
                .setParameter(2, listId)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> phones = Sql.of(
                        em,
                        "select c.phone from contact_list_memberships m join contacts c on c.id = m.contact_id"
                                + " where m.tenant_id = cast(?1 as uuid) and m.list_id = cast(?2 as uuid) and "
                                + BLOCKED + " order by c.phone limit 1000")
                .setParameter(1, tenant.id())
                .setParameter(2, listId)
                .getResultList();
        List<?> removed = remove
                ? Sql.of(
                                em,
                                "delete from contact_list_memberships m using contacts c where c.id = m.contact_id"
                                        + " and m.tenant_id = cast(?1 as uuid) and m.list_id = cast(?2 as uuid) and "
                                        + BLOCKED + " returning cast(m.contact_id as text)")
                        .setParameter(1, tenant.id())
                        .setParameter(2, listId)
                        .getResultList()
                : List.of();
        long checked = ((Number) counts[0]).longValue();
        long blocked = ((Number) counts[1]).longValue();
        events.scrubbed(
                listId,
                checked,
                blocked,
                removed.stream().map(String.class::cast).toList(),
                userId);
        return new Scrub(listId, checked, blocked, removed.size(), phones);
    }
}
