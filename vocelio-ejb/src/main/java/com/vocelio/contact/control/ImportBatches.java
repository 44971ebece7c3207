package com.vocelio.contact.control;

import com.vocelio.contact.entity.Contact;
import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes a batch of imported contacts set-based, whatever its size: the rows are COPYed into a session-local staging
 * table (COPY parses a thousand rows in about the time an insert statement takes for one), then one upsert on the
 * phone key moves them into {@code contacts} (a number the organization has is merged, or left alone when the import
 * skips duplicates, so one contact per phone stays true) and adds the list memberships in the same statement. Runs on the
 * connection of the caller's transaction (the pool hands the transaction's own connection back), so a batch, its
 * job counters and its checkpoint commit together or not at all.
 */
@Dependent
public class ImportBatches {

    /** What a batch did: contacts created, and existing contacts met by phone (merged or skipped). */
    public record Written(int created, int existing) {}

    private static final String COLUMNS =
            "first_name, last_name, email, company, title, address, city, state, zip, country, status, notes";

    private static final String STAGING =
            """
            create temp table if not exists contact_import_rows (id uuid, phone text, phone_type text,
                first_name text, last_name text, email text, company text, title text, address text, city text,
                state text, zip text, country text, status text, notes text, tags jsonb, custom_fields jsonb)
            on commit delete rows""";

    private static final String MERGE =
            """
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
                updated_at = excluded.updated_at, version = contacts.version + 1""";

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    CurrentTenant tenant;

    public Written write(List<Contact> contacts, boolean merge, String listId, String userId, OffsetDateTime now) {
        if (contacts.isEmpty()) {
            return new Written(0, 0);
        }
        // the transaction's connection: closing this handle returns it to the transaction, not to the pool
        try (Connection connection = dataSource.getConnection()) {
            stage(connection, contacts);
            int created = upsert(connection, merge, listId, userId, now);
            return new Written(created, contacts.size() - created);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("writing an import batch failed: " + e.getMessage(), e);
        }
    }

    /**
     * Merges the search index's pending entries into the index proper. The trigram index takes new rows into a pending
     * list (GIN fastupdate: a batch's fifty thousand trigram entries appended, not put in place one by one), which
     * every search of every organization reads whole until autovacuum or the next 4 MB merges it; measured at a
     * million contacts, a 7-digit search read 530 buffers with twenty thousand rows pending and 54 without. An import
     * leaves up to that much behind; merged when it ends, its contacts are searched at full speed at once. A database
     * user that does not own the index may not merge it: then it waits for autovacuum, as before.
     */
    public void settleSearchIndex() {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("do $$ begin perform gin_clean_pending_list('contacts_search_trgm'::regclass);"
                    + " exception when insufficient_privilege then null; end $$");
        } catch (SQLException e) {
            throw new IllegalStateException("merging the search index's pending entries failed: " + e.getMessage(), e);
        }
    }

    private static void stage(Connection connection, List<Contact> contacts) throws SQLException, IOException {
        try (var statement = connection.createStatement()) {
            statement.execute(STAGING);
            statement.execute("truncate contact_import_rows"); // a batch retried in this transaction starts afresh
        }
        var text = new StringBuilder(contacts.size() * 160);
        for (Contact c : contacts) {
            var tags = com.vocelio.platform.control.Jsons.arrayBuilder();
            c.tags().forEach(tags::add);
            for (String value : List.of(
                    c.id(),
                    c.phone(),
                    c.phoneType(),
                    c.firstName(),
                    c.lastName(),
                    c.email(),
                    c.company(),
                    c.title(),
                    c.address(),
                    c.city(),
                    c.state(),
                    c.zip(),
                    c.country(),
                    c.status(),
                    c.notes(),
                    tags.build().toString(),
                    c.customFields().toString())) {
                escape(text, value).append('\t');
            }
            text.setCharAt(text.length() - 1, '\n');
        }
        connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy contact_import_rows from stdin", new StringReader(text.toString()));
    }

    /**
     * One statement: the upsert, and the memberships of what it wrote plus what it met. The second part's join sees
     * the table as it was before this statement (one snapshot), so it finds exactly the contacts the phones already
     * had, by the phone index, and never scans the organization's contacts.
     */
    private int upsert(Connection connection, boolean merge, String listId, String userId, OffsetDateTime now)
            throws SQLException {
        String members = listId == null
                ? ""
                : """
                  , members as (insert into contact_list_memberships (tenant_id, list_id, contact_id, added_by, added_at)
                      select cast(? as uuid), cast(? as uuid), ids.id, cast(? as uuid), cast(? as timestamptz)
                      from (select id from saved union select c.id from contact_import_rows r
                            join contacts c on c.tenant_id = cast(? as uuid) and c.phone = r.phone) ids
                      on conflict do nothing)""";
        try (var statement = connection.prepareStatement("with saved as (insert into contacts (id, tenant_id, phone,"
                + " phone_type, " + COLUMNS + ", source, tags, custom_fields, created_at, updated_at)"
                + " select r.id, cast(? as uuid), r.phone, r.phone_type, " + prefixed("r.")
                + ", 'import', r.tags, r.custom_fields, cast(? as timestamptz), cast(? as timestamptz)"
                + " from contact_import_rows r on conflict (tenant_id, phone) " + (merge ? MERGE : "do nothing")
                + " returning id, (xmax = 0) as created)" + members
                + " select count(*) filter (where created) from saved")) {
            statement.setString(1, tenant.id());
            statement.setString(2, now.toString());
            statement.setString(3, now.toString());
            if (listId != null) {
                statement.setString(4, tenant.id());
                statement.setString(5, listId);
                statement.setString(6, Checks.isUuid(userId) ? userId : null);
                statement.setString(7, now.toString());
                statement.setString(8, tenant.id());
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return escaped; nothing is ever NULL here. */
    static StringBuilder escape(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private static String prefixed(String prefix) {
        return String.join(
                ", ",
                java.util.Arrays.stream(COLUMNS.split(",\\s*"))
                        .map(c -> prefix + c)
                        .toList());
    }
}
