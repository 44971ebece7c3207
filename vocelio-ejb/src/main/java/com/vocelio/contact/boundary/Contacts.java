package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactFilter;
import com.vocelio.contact.control.ContactReads;
import com.vocelio.contact.control.Memberships;
import com.vocelio.contact.control.PhoneLines;
import com.vocelio.contact.entity.Contact;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The contacts of the caller's organization. Owns the rule that spans rows: one contact per phone number. Creates
 * of one number are serialised by a transaction-scoped advisory lock on (organization, number), so of concurrent
 * creates one creates and the others meet it (409 naming {@code phone}, or a merge when asked); the unique index
 * stays the last word.
 */
@Stateless
@UnitOfWork
public class Contacts {

    /** What a create did: made a new contact, or merged into the one that had the number. */
    public record Saved(ContactCard card, boolean created) {}

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
    ContactReads reads;

    @Inject
    Memberships memberships;

    public ContactPage page(ContactFilter filter, int offset, int limit) {
        var page = reads.page(filter, offset, limit);
        return new ContactPage(cards(page.contacts()), page.total(), page.active(), page.inactive());
    }

    public ContactCard get(String id) {
        return cards(List.of(find(id))).get(0);
    }

    public Saved create(ContactRequest request, String userId) {
        var line = PhoneLines.require("phone", request.phone(), phoneRegion);
        List<String> listIds = request.listIds() == null ? List.of() : request.listIds();
        requireLists(listIds);
        Sql.of(em, "select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)")
                .setParameter(1, "contact:" + tenant.id() + ":" + line.e164())
                .getSingleResult();
        var now = Clocks.now(clock);
        var existing = byPhone(line.e164());
        Contact contact;
        var before = existing.map(Contact::snapshot).orElse(JsonObject.EMPTY_JSON_OBJECT);
        if (existing.isPresent()) {
            if (!request.merges()) {
                throw ContactConflictException.duplicatePhone(
                        line.e164(), existing.get().id());
            }
            contact = existing.get();
            request.mergeInto(contact);
            contact.touch(now);
        } else {
            contact = new Contact(line.e164(), line.type(), now);
            request.applyTo(contact);
            em.persist(contact);
        }
        flushed(contact);
        memberships.add(listIds, List.of(contact.id()), userId, now);
        var card = get(contact.id());
        DomainEvents.raise(contact.changed(existing.isEmpty() ? "created" : "updated", before, userId, listIds(card)));
        return new Saved(card, existing.isEmpty());
    }

    public ContactCard update(String id, ContactRequest request, String userId) {
        var contact = find(id);
        var before = contact.snapshot();
        if (request.phone() != null) {
            var line = PhoneLines.require("phone", request.phone(), phoneRegion);
            byPhone(line.e164())
                    .filter(other -> !other.id().equals(contact.id()))
                    .ifPresent(other -> {
                        throw ContactConflictException.duplicatePhone(line.e164(), other.id());
                    });
            contact.changePhone(line.e164(), line.type());
        }
        request.applyTo(contact);
        contact.touch(Clocks.now(clock));
        flushed(contact);
        if (request.listIds() != null) {
            requireLists(request.listIds());
            memberships.add(request.listIds(), List.of(contact.id()), userId, Clocks.now(clock));
        }
        var card = get(contact.id());
        DomainEvents.raise(contact.changed("updated", before, userId, listIds(card)));
        return card;
    }

    public Contact delete(String id, String userId) {
        var contact = find(id);
        var lists = memberships.listsOf(List.of(contact.id()));
        em.remove(contact); // memberships go with it (on delete cascade)
        DomainEvents.raise(contact.changed("deleted", contact.snapshot(), userId, lists));
        return contact;
    }

    private static List<String> listIds(ContactCard card) {
        return card.lists().stream().map(ContactReads.Membership::listId).toList();
    }

    Contact find(String id) {
        return Optional.ofNullable(Checks.isUuid(id) ? em.find(Contact.class, id) : null)
                .orElseThrow(() -> UnknownContactException.contact(id));
    }

    private Optional<Contact> byPhone(String e164) {
        return em.createNamedQuery(Contact.BY_PHONE, Contact.class)
                .setParameter("phone", e164)
                .getResultStream()
                .findFirst();
    }

    private void requireLists(List<String> listIds) {
        var found = memberships.existingLists(listIds);
        for (String id : new HashSet<>(listIds)) {
            if (!found.contains(id)) {
                throw BusinessException.invalid("listIds", "names no list of this organization: '" + id + "'");
            }
        }
    }

    private void flushed(Contact contact) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            throw ContactConflictException.duplicatePhone(contact.phone(), "?");
        }
    }

    /** The contacts with their lists and do-not-call flags: two statements for any number of contacts. */
    List<ContactCard> cards(List<Contact> contacts) {
        var lists = reads.memberships(contacts.stream().map(Contact::id).toList());
        var blocked =
                reads.doNotCall(contacts.stream().map(Contact::phone).distinct().toList());
        return contacts.stream()
                .map(c -> new ContactCard(c, lists.getOrDefault(c.id(), List.of()), blocked.contains(c.phone())))
                .toList();
    }
}
