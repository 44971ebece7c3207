package com.vocelio.contact.boundary;

import com.vocelio.contact.control.Memberships;
import com.vocelio.contact.entity.Contact;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One action on many contacts at once ({@code add-tags}, {@code remove-tags}, {@code move-to-list}, {@code delete}),
 * each a single set-based statement whatever the number of contacts, all or nothing. Ids that name no contact of the
 * organization are reported as failed, never touched.
 */
@Stateless
@UnitOfWork
public class ContactBulkOperations {

    public static final int MAX_CONTACTS = 10_000;
    public static final List<String> ACTIONS = List.of("add-tags", "remove-tags", "move-to-list", "delete");

    /** What happened: per the guide, {@code processed = successful + failed}, with an error per failed id. */
    public record Outcome(String action, int processed, int successful, int failed, List<Map<String, String>> errors) {}

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    Clock clock;

    @Inject
    ContactLists lists;

    @Inject
    Memberships memberships;

    public Outcome run(
            String action,
            List<String> contactIds,
            List<String> tags,
            String listId,
            String fromListId,
            String userId) {
        if (action == null || !ACTIONS.contains(action)) {
            throw BusinessException.invalid("action", "must be one of: " + String.join(", ", ACTIONS));
        }
        if (contactIds == null || contactIds.isEmpty()) {
            throw BusinessException.invalid("contactIds", "must name at least one contact");
        }
        if (contactIds.size() > MAX_CONTACTS) {
            throw BusinessException.invalid("contactIds", "must name at most " + MAX_CONTACTS + " contacts");
        }
        var requested = new LinkedHashSet<>(contactIds);
        var found = existing(requested);
        String ids = String.join(",", found);
        var now = Clocks.now(clock);
        // the lists the contacts were on before: a delete or a move takes them off these, and their subscribers hear it
        var touchedLists = new HashSet<>(memberships.listsOf(found));
        switch (action) {
            case "add-tags", "remove-tags" -> retag(action.equals("add-tags"), requireTags(tags), ids, now);
            case "move-to-list" -> {
                if (listId == null || listId.isBlank()) {
                    throw BusinessException.invalid("data.listId", "is required for move-to-list");
                }
                lists.require(listId);
                if (fromListId != null) {
                    lists.require(fromListId);
                    memberships.remove(fromListId, List.copyOf(found));
                } else {
                    Sql.of(
                                    em,
                                    "delete from contact_list_memberships where tenant_id = cast(?1 as uuid)"
                                            + " and list_id <> cast(?3 as uuid)"
                                            + " and contact_id = any(cast(string_to_array(?2, ',') as uuid[]))")
                            .setParameter(1, tenant.id())
                            .setParameter(2, ids)
                            .setParameter(3, listId)
                            .executeUpdate();
                }
                memberships.add(List.of(listId), List.copyOf(found), userId, now);
                touchedLists.add(listId);
            }
            default ->
                Sql.of(
                                em,
                                "delete from contacts where tenant_id = cast(?1 as uuid)"
                                        + " and id = any(cast(string_to_array(?2, ',') as uuid[]))")
                        .setParameter(1, tenant.id())
                        .setParameter(2, ids)
                        .executeUpdate();
        }
        if (!found.isEmpty()) {
            var changes = Jsons.objectBuilder();
            if (tags != null && action.endsWith("-tags")) {
                var tagArray = Jsons.arrayBuilder();
                tags.forEach(tagArray::add);
                changes.add(action.equals("add-tags") ? "addedTags" : "removedTags", tagArray);
            } else if (action.equals("move-to-list")) {
                changes.add("listId", listId);
            }
            DomainEvents.raise(Contact.changedInBulk(
                    action,
                    requested.stream().filter(found::contains).toList(),
                    changes.build(),
                    userId,
                    touchedLists));
        }
        var errors = new ArrayList<Map<String, String>>();
        for (String id : requested) {
            if (!found.contains(id)) {
                errors.add(Map.of("contactId", id, "error", "contact not found"));
            }
        }
        return new Outcome(action, requested.size(), found.size(), errors.size(), errors);
    }

    private void retag(boolean add, List<String> tags, String ids, java.time.OffsetDateTime now) {
        String update = add
                ? "tags = tags || coalesce((select jsonb_agg(t) from jsonb_array_elements_text(cast(?3 as jsonb)) t"
                        + " where not jsonb_exists(tags, t)), '[]'::jsonb)"
                : "tags = coalesce((select jsonb_agg(e) from jsonb_array_elements(tags) e"
                        + " where not cast(?3 as jsonb) @> jsonb_build_array(e)), '[]'::jsonb)";
        Sql.of(
                        em,
                        "update contacts set " + update
                                + ", updated_at = cast(?4 as timestamptz), version = version + 1"
                                + " where tenant_id = cast(?1 as uuid) and id = any(cast(string_to_array(?2, ',') as uuid[]))")
                .setParameter(1, tenant.id())
                .setParameter(2, ids)
                .setParameter(3, Sql.jsonArray(tags))
                .setParameter(4, now.toString())
                .executeUpdate();
    }

    private static List<String> requireTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            throw BusinessException.invalid("data.tags", "must name at least one tag");
        }
        var clean = new LinkedHashSet<String>();
        for (String tag : tags) {
            String trimmed = tag == null ? "" : tag.strip();
            if (trimmed.isEmpty() || trimmed.length() > Contact.TAG_MAX) {
                throw BusinessException.invalid(
                        "data.tags", "must be non-empty labels of at most " + Contact.TAG_MAX + " characters");
            }
            clean.add(trimmed);
        }
        return List.copyOf(clean);
    }

    /** Which of the ids name contacts of the organization: one statement. */
    private Set<String> existing(Set<String> ids) {
        List<String> uuids = ids.stream().filter(Checks::isUuid).toList();
        var found = new HashSet<String>();
        if (!uuids.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object> rows = Sql.of(
                            em,
                            "select cast(id as text) from contacts where tenant_id = cast(?1 as uuid)"
                                    + " and id = any(cast(string_to_array(?2, ',') as uuid[]))")
                    .setParameter(1, tenant.id())
                    .setParameter(2, String.join(",", uuids))
                    .getResultList();
            rows.forEach(id -> found.add((String) id));
        }
        return found;
    }
}
