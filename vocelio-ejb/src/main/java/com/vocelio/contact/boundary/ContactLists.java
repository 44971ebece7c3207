package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactReads;
import com.vocelio.contact.control.Memberships;
import com.vocelio.contact.entity.Contact;
import com.vocelio.contact.entity.ContactList;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.Jsons;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The contact lists of the caller's organization and who is on them. Owns the rule that list names are unique per
 * organization whatever their case. Sizes are counted for a whole page of lists in one statement.
 */
@Stateless
@UnitOfWork
public class ContactLists {

    /** A list with the number of contacts on it. */
    public record ListCard(ContactList list, long contactCount) {}

    /** One page of lists and how many lists the filter matches. */
    public record ListPage(List<ListCard> lists, long total) {}

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ContactReads reads;

    @Inject
    Memberships memberships;

    public ListPage page(String search, String status, int offset, int limit) {
        var where = new StringBuilder(" where 1 = 1");
        if (search != null && !search.isBlank()) {
            where.append(" and lower(l.name) like :search");
        }
        if (status != null) {
            where.append(" and l.status = :status");
        }
        var query = em.createQuery(
                "select l from ContactList l" + where + " order by l.createdAt desc, l.id", ContactList.class);
        var count = em.createQuery("select count(l) from ContactList l" + where, Long.class);
        if (search != null && !search.isBlank()) {
            String pattern = "%" + search.strip().toLowerCase(Locale.ROOT) + "%";
            query.setParameter("search", pattern);
            count.setParameter("search", pattern);
        }
        if (status != null) {
            query.setParameter("status", status);
            count.setParameter("status", status);
        }
        var lists = query.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new ListPage(cards(lists), count.getSingleResult());
    }

    public ListCard get(String id) {
        return cards(List.of(require(id))).get(0);
    }

    public ListCard create(ContactListRequest request, String userId) {
        var list = new ContactList(request.name(), Checks.isUuid(userId) ? userId : null, Clocks.now(clock));
        request.applyTo(list);
        requireUniqueName(list);
        em.persist(list);
        flushed(list);
        return new ListCard(list, 0);
    }

    public ListCard update(String id, ContactListRequest request) {
        var list = require(id);
        request.applyTo(list);
        requireUniqueName(list);
        list.touch(Clocks.now(clock));
        flushed(list);
        return get(id);
    }

    /**
     * Deletes the list and its memberships; its contacts stay (they may be on other lists). Its subscribers hear of it
     * as one {@code list-deleted} event, without naming every member.
     */
    public ContactList delete(String id, String userId) {
        var list = require(id);
        em.remove(list);
        DomainEvents.raise(Contact.changedInBulk(
                "list-deleted", List.of(), JsonObject.EMPTY_JSON_OBJECT, userId, List.of(list.id())));
        return list;
    }

    /** @return how many of the contacts were added (those already on the list count once) */
    public int addMembers(String listId, List<String> contactIds, String userId) {
        require(listId);
        var added = memberships.add(List.of(listId), contactIds, userId, Clocks.now(clock));
        raise("added-to-list", listId, added, userId);
        return added.size();
    }

    public int removeMembers(String listId, List<String> contactIds, String userId) {
        require(listId);
        var removed = memberships.remove(listId, contactIds);
        raise("removed-from-list", listId, removed, userId);
        return removed.size();
    }

    /** One {@code contact_updated} naming the contacts whose membership changed; none when nothing changed. */
    private static void raise(String action, String listId, List<String> contactIds, String userId) {
        if (!contactIds.isEmpty()) {
            var changes = Jsons.objectBuilder().add("listId", listId).build();
            DomainEvents.raise(Contact.changedInBulk(action, contactIds, changes, userId, List.of(listId)));
        }
    }

    /** The organization's list with this id; a 404 for any other id. */
    public ContactList require(String id) {
        return Optional.ofNullable(Checks.isUuid(id) ? em.find(ContactList.class, id) : null)
                .orElseThrow(() -> UnknownContactException.list(id));
    }

    private List<ListCard> cards(List<ContactList> lists) {
        var sizes = reads.listSizes(lists.stream().map(ContactList::id).toList());
        return lists.stream()
                .map(list -> new ListCard(list, sizes.getOrDefault(list.id(), 0L)))
                .toList();
    }

    private void requireUniqueName(ContactList list) {
        em.createNamedQuery(ContactList.BY_NAME, ContactList.class)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("name", list.name())
                .getResultStream()
                .filter(other -> !other.id().equals(list.id()))
                .findFirst()
                .ifPresent(other -> {
                    throw ContactConflictException.duplicateListName("name", list.name());
                });
    }

    private void flushed(ContactList list) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            throw ContactConflictException.duplicateListName("name", list.name());
        }
    }
}
