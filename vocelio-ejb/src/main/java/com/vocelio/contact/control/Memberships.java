package com.vocelio.contact.control;

import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is on which list, changed one statement per request whatever the number of contacts: only lists and contacts
 * of the caller's organization are joined, and a contact already on a list stays there once.
 */
@Dependent
public class Memberships {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    /** Which of these ids name lists of the organization (ids that are no UUIDs name none). */
    public Set<String> existingLists(List<String> listIds) {
        List<String> ids = listIds.stream().filter(Checks::isUuid).toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = Sql.of(
                        em,
                        "select cast(id as text) from contact_lists where tenant_id = cast(?1 as uuid)"
                                + " and id = any(cast(string_to_array(?2, ',') as uuid[]))")
                .setParameter(1, tenant.id())
                .setParameter(2, String.join(",", ids))
                .getResultList();
        var found = new HashSet<String>();
        rows.forEach(id -> found.add((String) id));
        return found;
    }

    /** @return the contacts that got a new membership, once each (those already on every list are not named) */
    public List<String> add(List<String> listIds, List<String> contactIds, String userId, OffsetDateTime now) {
        List<String> contacts = contactIds.stream().filter(Checks::isUuid).toList();
        List<String> lists = listIds.stream().filter(Checks::isUuid).toList();
        if (contacts.isEmpty() || lists.isEmpty()) {
            return List.of();
        }
        em.flush(); // the contacts this transaction created must exist for the join
        return texts(Sql.of(
                                em,
                                """
                        insert into contact_list_memberships (tenant_id, list_id, contact_id, added_by, added_at)
                        select l.tenant_id, l.id, c.id, cast(?4 as uuid), cast(?5 as timestamptz)
                        from contact_lists l join contacts c on c.tenant_id = l.tenant_id
                        where l.tenant_id = cast(?1 as uuid)
                          and l.id = any(cast(string_to_array(?2, ',') as uuid[]))
                          and c.id = any(cast(string_to_array(?3, ',') as uuid[]))
                        on conflict do nothing
                        returning cast(contact_id as text)""")
                        .setParameter(1, tenant.id())
                        .setParameter(2, String.join(",", lists))
                        .setParameter(3, String.join(",", contacts))
                        .setParameter(4, Checks.isUuid(userId) ? userId : null)
                        .setParameter(5, now.toString()))
                .stream()
                .distinct()
                .toList();
    }

    /** @return the contacts that were on the list (and are no more) */
    public List<String> remove(String listId, List<String> contactIds) {
        List<String> contacts = contactIds.stream().filter(Checks::isUuid).toList();
        if (contacts.isEmpty() || !Checks.isUuid(listId)) {
            return List.of();
        }
        return texts(Sql.of(
                        em,
                        """
                        delete from contact_list_memberships
                        where tenant_id = cast(?1 as uuid) and list_id = cast(?2 as uuid)
                          and contact_id = any(cast(string_to_array(?3, ',') as uuid[]))
                        returning cast(contact_id as text)""")
                .setParameter(1, tenant.id())
                .setParameter(2, listId)
                .setParameter(3, String.join(",", contacts)));
    }

    /** The lists these contacts are on, in one statement: what their live events are filtered by. */
    public Set<String> listsOf(Collection<String> contactIds) {
        List<String> contacts = contactIds.stream().filter(Checks::isUuid).toList();
        if (contacts.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(texts(Sql.of(
                        em,
                        "select distinct cast(list_id as text) from contact_list_memberships"
                                + " where tenant_id = cast(?1 as uuid)"
                                + " and contact_id = any(cast(string_to_array(?2, ',') as uuid[]))")
                .setParameter(1, tenant.id())
                .setParameter(2, String.join(",", contacts))));
    }

    private static List<String> texts(Query query) {
        List<?> rows = query.getResultList();
        return rows.stream().map(String.class::cast).toList();
    }
}
