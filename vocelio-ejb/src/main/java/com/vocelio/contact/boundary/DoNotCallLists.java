package com.vocelio.contact.boundary;

import com.vocelio.contact.control.DoNotCallEvents;
import com.vocelio.contact.control.DoNotCallGuard;
import com.vocelio.contact.control.PhoneLines;
import com.vocelio.contact.entity.DoNotCallList;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The organization's do-not-call lists and their numbers. A number is stored once per list in E.164 (adding it again
 * answers the entry already there); a number on any list vetoes calls (see {@code DoNotCallGuard}) and is flagged on
 * every contact that has it.
 */
@Stateless
@UnitOfWork
public class DoNotCallLists {

    /** A list with the number of entries on it. */
    public record ListCard(DoNotCallList list, long entryCount) {}

    /** A page of entries and how many the filter matches. */
    public record EntryPage(List<DoNotCallEntry> entries, long total) {}

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region")
    String phoneRegion;

    @Inject
    Clock clock;

    @Inject
    CurrentTenant tenant;

    @Inject
    DoNotCallGuard guard;

    @Inject
    DoNotCallEvents events;

    public List<ListCard> all() {
        var lists = em.createNamedQuery(DoNotCallList.ALL, DoNotCallList.class).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        "select cast(list_id as text), count(*) from dnc_entries where tenant_id = cast(?1 as uuid)"
                                + " group by list_id")
                .setParameter(1, tenant.id())
                .getResultList();
        Map<String, Long> sizes = new java.util.HashMap<>();
        rows.forEach(row -> sizes.put((String) row[0], ((Number) row[1]).longValue()));
        return lists.stream()
                .map(list -> new ListCard(list, sizes.getOrDefault(list.id(), 0L)))
                .toList();
    }

    /** The number (as typed) in E.164, and whether a call to it would be vetoed: the same question calls ask. */
    public Map.Entry<String, Boolean> check(String phone) {
        String e164 = PhoneLines.require("phone", phone, phoneRegion).e164();
        return Map.entry(e164, guard.isBlocked(e164));
    }

    public ListCard create(String name, String description, String userId) {
        var list = new DoNotCallList(name, description, Clocks.now(clock));
        boolean taken = !em.createNamedQuery(DoNotCallList.BY_NAME, DoNotCallList.class)
                .setParameter("name", list.name())
                .getResultList()
                .isEmpty();
        if (taken) {
            throw ContactConflictException.duplicateListName("name", list.name());
        }
        em.persist(list);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e)) {
                throw ContactConflictException.duplicateListName("name", list.name());
            }
            throw e;
        }
        events.listCreated(list.id(), userId);
        return new ListCard(list, 0);
    }

    public DoNotCallList delete(String id, String userId) {
        var list = find(id);
        events.listDeleting(list.id(), userId); // while its entries still say whose flag goes
        em.remove(list); // its entries go with it
        return list;
    }

    public EntryPage entries(String listId, String search, int offset, int limit) {
        var parameters = new java.util.ArrayList<Object>(List.of(tenant.id()));
        var where = new StringBuilder(" where tenant_id = cast(?1 as uuid)");
        if (listId != null) {
            parameters.add(find(listId).id());
            where.append(" and list_id = cast(?").append(parameters.size()).append(" as uuid)");
        }
        String digits = search == null ? "" : search.replaceAll("[^0-9]", "");
        if (!digits.isEmpty()) {
            parameters.add("%" + digits + "%");
            where.append(" and phone like ?").append(parameters.size());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(
                        Sql.of(
                                em,
                                "select cast(id as text), cast(list_id as text), phone, reason, created_at"
                                        + " from dnc_entries" + where + " order by created_at desc, id limit "
                                        + limit + " offset " + offset),
                        parameters)
                .getResultList();
        long total = ((Number) bind(Sql.of(em, "select count(*) from dnc_entries" + where), parameters)
                        .getSingleResult())
                .longValue();
        return new EntryPage(rows.stream().map(DoNotCallLists::entry).toList(), total);
    }

    /** @return the entry and whether it is new (a number already on the list answers the entry there) */
    public Map.Entry<DoNotCallEntry, Boolean> add(String listId, String phone, String reason, String userId) {
        find(listId);
        var line = PhoneLines.require("phone", phone, phoneRegion);
        String why = Checks.optionalText("reason", reason, 500);
        OffsetDateTime now = Clocks.now(clock);
        int added = Sql.of(
                        em,
                        """
                        insert into dnc_entries (id, tenant_id, list_id, phone, reason, created_by, created_at)
                        values (cast(?1 as uuid), cast(?2 as uuid), cast(?3 as uuid), ?4, ?5, cast(?6 as uuid),
                                cast(?7 as timestamptz))
                        on conflict (list_id, phone) do nothing""")
                .setParameter(1, UUID.randomUUID().toString())
                .setParameter(2, tenant.id())
                .setParameter(3, listId)
                .setParameter(4, line.e164())
                .setParameter(5, why)
                .setParameter(6, Checks.isUuid(userId) ? userId : null)
                .setParameter(7, now.toString())
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        "select cast(id as text), cast(list_id as text), phone, reason, created_at from dnc_entries"
                                + " where tenant_id = cast(?1 as uuid) and list_id = cast(?2 as uuid) and phone = ?3")
                .setParameter(1, tenant.id())
                .setParameter(2, listId)
                .setParameter(3, line.e164())
                .getResultList();
        var entry = entry(rows.get(0));
        if (added > 0) {
            events.entry("entry-added", listId, entry.id(), entry.phone(), true, userId);
        }
        return Map.entry(entry, added > 0);
    }

    public void remove(String entryId, String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> removed = Checks.isUuid(entryId)
                ? Sql.of(
                                em,
                                "delete from dnc_entries where tenant_id = cast(?1 as uuid) and id = cast(?2 as uuid)"
                                        + " returning cast(list_id as text), phone")
                        .setParameter(1, tenant.id())
                        .setParameter(2, entryId)
                        .getResultList()
                : List.of();
        if (removed.isEmpty()) {
            throw UnknownContactException.doNotCallEntry(entryId);
        }
        String phone = (String) removed.get(0)[1];
        events.entry("entry-removed", (String) removed.get(0)[0], entryId, phone, guard.isBlocked(phone), userId);
    }

    DoNotCallList find(String id) {
        return Optional.ofNullable(Checks.isUuid(id) ? em.find(DoNotCallList.class, id) : null)
                .orElseThrow(() -> UnknownContactException.doNotCallList(id));
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    private static DoNotCallEntry entry(Object[] row) {
        Object created = row[4];
        OffsetDateTime at = created instanceof OffsetDateTime time
                ? time
                : ((java.sql.Timestamp) created).toInstant().atOffset(java.time.ZoneOffset.UTC);
        return new DoNotCallEntry((String) row[0], (String) row[1], (String) row[2], (String) row[3], at);
    }
}
