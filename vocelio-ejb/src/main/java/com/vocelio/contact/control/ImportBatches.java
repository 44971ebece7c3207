package com.vocelio.contact.control;

import com.vocelio.contact.entity.Contact;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes a batch of imported contacts with two statements whatever its size: one upsert on the phone key (a number
 * the organization has is merged, or left alone when the import skips duplicates) and one insert of the list
 * memberships. Runs inside the import's transaction: a failed import leaves nothing behind.
 */
@Dependent
public class ImportBatches {

    /** What a batch did: contacts created, and existing contacts met by phone (merged or skipped). */
    public record Written(int created, int existing) {}

    private static final String COLUMNS =
            "first_name, last_name, email, company, title, address, city, state, zip," + " country, status, notes";

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    public Written write(List<Contact> contacts, boolean merge, String listId, String userId, OffsetDateTime now) {
        if (contacts.isEmpty()) {
            return new Written(0, 0);
        }
        var rows = Jsons.arrayBuilder();
        var phones = new StringBuilder();
        for (Contact c : contacts) {
            var tags = Jsons.arrayBuilder();
            c.tags().forEach(tags::add);
            rows.add(Jsons.objectBuilder()
                    .add("id", c.id())
                    .add("phone", c.phone())
                    .add("phone_type", c.phoneType())
                    .add("first_name", c.firstName())
                    .add("last_name", c.lastName())
                    .add("email", c.email())
                    .add("company", c.company())
                    .add("title", c.title())
                    .add("address", c.address())
                    .add("city", c.city())
                    .add("state", c.state())
                    .add("zip", c.zip())
                    .add("country", c.country())
                    .add("status", c.status())
                    .add("notes", c.notes())
                    .add("tags", tags)
                    .add("custom_fields", c.customFields()));
            phones.append(phones.length() == 0 ? "" : ",").append(c.phone());
        }
        String onConflict = merge
                ? """
                  do update set first_name = coalesce(nullif(excluded.first_name, ''), contacts.first_name),
                      last_name = coalesce(nullif(excluded.last_name, ''), contacts.last_name),
                      email = coalesce(nullif(excluded.email, ''), contacts.email),
                      company = coalesce(nullif(excluded.company, ''), contacts.company),
                      title = coalesce(nullif(excluded.title, ''), contacts.title),
                      address = coalesce(nullif(excluded.address, ''), contacts.address),
                      city = coalesce(nullif(excluded.city, ''), contacts.city),
                      state = coalesce(nullif(excluded.state, ''), contacts.state),
                      zip = coalesce(nullif(excluded.zip, ''), contacts.zip),
                      country = coalesce(nullif(excluded.country, ''), contacts.country),
                      notes = coalesce(nullif(excluded.notes, ''), contacts.notes),
                      tags = contacts.tags || coalesce((select jsonb_agg(t) from jsonb_array_elements(excluded.tags) t
                                                        where not contacts.tags @> jsonb_build_array(t)), '[]'::jsonb),
                      custom_fields = contacts.custom_fields || excluded.custom_fields,
                      updated_at = excluded.updated_at, version = contacts.version + 1"""
                : "do nothing";
        Object[] counts = (Object[]) Sql.of(
                        em,
                        "with saved as (insert into contacts (id, tenant_id, phone, phone_type, " + COLUMNS
                                + ", source, tags, custom_fields, created_at, updated_at)"
                                + " select r.id, cast(?1 as uuid), r.phone, r.phone_type, " + prefixed("r.")
                                + ", 'import', r.tags, r.custom_fields, cast(?3 as timestamptz),"
                                + " cast(?3 as timestamptz) from jsonb_to_recordset(cast(?2 as jsonb)) as r(id uuid,"
                                + " phone text, phone_type text, first_name text, last_name text, email text,"
                                + " company text, title text, address text, city text, state text, zip text,"
                                + " country text, status text, notes text, tags jsonb, custom_fields jsonb)"
                                + " on conflict (tenant_id, phone) " + onConflict
                                + " returning (xmax = 0) as created)"
                                + " select count(*) filter (where created), count(*) from saved")
                .setParameter(1, tenant.id())
                .setParameter(2, rows.build().toString())
                .setParameter(3, now.toString())
                .getSingleResult();
        int created = ((Number) counts[0]).intValue();
        if (listId != null) {
            Sql.of(
                            em,
                            """
                            insert into contact_list_memberships (tenant_id, list_id, contact_id, added_by, added_at)
                            select c.tenant_id, cast(?2 as uuid), c.id, cast(?4 as uuid), cast(?5 as timestamptz)
                            from contacts c
                            where c.tenant_id = cast(?1 as uuid) and c.phone = any(string_to_array(?3, ','))
                            on conflict do nothing""")
                    .setParameter(1, tenant.id())
                    .setParameter(2, listId)
                    .setParameter(3, phones.toString())
                    .setParameter(4, Checks.isUuid(userId) ? userId : null)
                    .setParameter(5, now.toString())
                    .executeUpdate();
        }
        return new Written(created, contacts.size() - created);
    }

    private static String prefixed(String prefix) {
        return String.join(
                ", ",
                java.util.Arrays.stream(COLUMNS.split(",\\s*"))
                        .map(c -> prefix + c)
                        .toList());
    }
}
