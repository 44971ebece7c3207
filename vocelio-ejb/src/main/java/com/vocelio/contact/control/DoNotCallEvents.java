package com.vocelio.contact.control;

import com.vocelio.contact.entity.Contact;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code do_not_call_updated} on the {@code contacts} channel: a number put on or taken off a do-not-call list, a
 * list made or deleted, a contact list scrubbed. Each names the contacts whose flag it changes ({@code contactIds},
 * at most {@value #MAX_NAMED}, with {@code contactCount} the true number) and the contact lists they are on ({@code
 * listIds}, always complete), so a subscriber filtered to one list hears of what changes on it. Found with the
 * indexes on (tenant, phone), one statement for the contacts and one for their lists.
 */
@Dependent
public class DoNotCallEvents {

    public static final String UPDATED = "do_not_call_updated";

    /** A deleted list of a million numbers must not become a 40 MB event: the ids beyond this are only counted. */
    static final int MAX_NAMED = 10_000;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    /** A number was put on a list, or taken off it ({@code blocked}: whether it is still on any list). */
    public void entry(String action, String dncListId, String entryId, String phone, boolean blocked, String userId) {
        var fields = Jsons.objectBuilder()
                .add("doNotCallListId", dncListId)
                .add("entryId", entryId)
                .add("phone", phone)
                .add("doNotCall", blocked)
                .build();
        raise(action, fields, "select cast(?2 as text)", phone, userId);
    }

    public void listCreated(String dncListId, String userId) {
        raise(
                "list-created",
                Jsons.objectBuilder().add("doNotCallListId", dncListId).build(),
                null,
                null,
                userId);
    }

    /**
     * To be called before the list's entries go: the contacts whose numbers are on it and on no other list of the
     * organization lose their flag.
     */
    public void listDeleting(String dncListId, String userId) {
        var fields = Jsons.objectBuilder()
                .add("doNotCallListId", dncListId)
                .add("doNotCall", false)
                .build();
        raise(
                "list-deleted",
                fields,
                """
                select d.phone from dnc_entries d where d.tenant_id = cast(?1 as uuid) and d.list_id = cast(?2 as uuid)
                  and not exists (select 1 from dnc_entries o where o.tenant_id = d.tenant_id and o.phone = d.phone
                                  and o.list_id <> d.list_id)""",
                dncListId,
                userId);
    }

    /** A contact list was checked; {@code removed} names the blocked contacts taken off it. */
    public void scrubbed(String listId, long checked, long blocked, List<String> removed, String userId) {
        var fields = Jsons.objectBuilder()
                .add("listId", listId)
                .add("checked", checked)
                .add("blocked", blocked)
                .add("removed", removed.size())
                .build();
        publish(
                "scrubbed",
                fields,
                removed.subList(0, Math.min(removed.size(), MAX_NAMED)),
                removed.size(),
                List.of(listId),
                userId);
    }

    /** {@code phones}: a select of the numbers concerned, its {@code ?2} bound to {@code argument}. */
    private void raise(String action, JsonObject fields, String phones, String argument, String userId) {
        if (phones == null) {
            publish(action, fields, List.of(), 0, List.of(), userId);
            return;
        }
        String contacts = "from contacts c where c.tenant_id = cast(?1 as uuid) and c.phone in (" + phones + ")";
        long count = ((Number) bind(Sql.of(em, "select count(*) " + contacts), argument)
                        .getSingleResult())
                .longValue();
        List<String> ids = count == 0
                ? List.of()
                : texts(bind(
                        Sql.of(em, "select cast(c.id as text) " + contacts + " order by c.id limit " + MAX_NAMED),
                        argument));
        List<String> lists = count == 0
                ? List.of()
                : texts(bind(
                        Sql.of(
                                em,
                                "select distinct cast(m.list_id as text) from contact_list_memberships m"
                                        + " where m.tenant_id = cast(?1 as uuid) and m.contact_id in (select c.id "
                                        + contacts + ")"),
                        argument));
        publish(action, fields, ids, count, lists, userId);
    }

    private static void publish(
            String action,
            JsonObject fields,
            List<String> contactIds,
            long contactCount,
            List<String> listIds,
            String userId) {
        var contacts = Jsons.arrayBuilder();
        contactIds.forEach(contacts::add);
        var lists = Jsons.arrayBuilder();
        new TreeSet<>(listIds).forEach(lists::add);
        var payload = Jsons.objectBuilder(fields)
                .add("action", action)
                .add("contactIds", contacts)
                .add("contactCount", contactCount)
                .add("listIds", lists);
        if (userId == null) {
            payload.addNull("updatedBy");
        } else {
            payload.add("updatedBy", userId);
        }
        DomainEvents.raise(DomainEvent.of(UPDATED, Contact.CHANNEL, payload.build()));
    }

    private Query bind(Query query, String argument) {
        return query.setParameter(1, tenant.id()).setParameter(2, argument);
    }

    private static List<String> texts(Query query) {
        List<?> rows = query.getResultList();
        return rows.stream().map(String.class::cast).toList();
    }
}
