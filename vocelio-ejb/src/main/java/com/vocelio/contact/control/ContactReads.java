package com.vocelio.contact.control;

import com.vocelio.contact.entity.Contact;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads contacts a page at a time in a constant number of statements: the page, its counts, the lists of its
 * contacts and which of their numbers are on a do-not-call list (never one query per contact). Native SQL, because
 * trigram search, jsonb containment and keyset conditions are not JPQL; it names the tenant itself.
 */
@Dependent
public class ContactReads {

    /** A contact's place on one list. */
    public record Membership(String listId, String listName, OffsetDateTime addedAt) {}

    /** One page and the counts of everything the filter matches. */
    public record Page(List<Contact> contacts, long total, long active, long inactive) {}

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    ContactTallies tallies;

    @Inject
    PageAnchors anchors;

    public Page page(ContactFilter filter, int offset, int limit) {
        // without a search, a phone type or tags the counts are the tallies' (no count of a million rows per page)
        boolean tallied = filter.searchTerm() == null
                && filter.phoneType() == null
                && filter.tags().isEmpty();
        if (!tallied) {
            // The driver prepares a statement run often, and PostgreSQL then may plan it once for any pattern: walking
            // the created-at index until 20 rows match, which for a selective search reads most of the organization's
            // rows (measured: 300 ms at a million). Planned for the pattern at hand, it takes the trigram index.
            Sql.of(em, "select set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .getSingleResult();
            if (filter.after() == null && offset < PageAnchors.STEP) {
                return matchedOnce(filter, offset, limit);
            }
            return counted(filtered(filter, offset, limit), filter);
        }
        var tally = tallies.of(filter.listId());
        List<Contact> contacts = filter.status() == null && filter.after() == null
                ? byPosition(filter.listId(), tally.generation(), offset, limit)
                : filtered(filter, offset, limit);
        return new Page(contacts, tally.of(filter.status()), tally.active(), tally.inactive());
    }

    /**
     * A page of a list, or of all contacts, by its number: a seek to the nearest {@link PageAnchors anchor} before it,
     * then at most {@link PageAnchors#STEP} entries of the ordering index walked (an index-only scan of narrow
     * entries), and only the page's own rows read.
     */
    @SuppressWarnings("unchecked")
    private List<Contact> byPosition(String listId, String generation, int offset, int limit) {
        String key = listId != null ? "added_at, contact_id" : "created_at, id";
        String scope = listId != null
                ? "contact_list_memberships where list_id = cast(?1 as uuid)"
                : "contacts where tenant_id = cast(?2 as uuid)";
        String[] anchor = null;
        if (offset >= PageAnchors.STEP) {
            var found = anchors.at(tenant.id() + ":" + listId, generation, offset, () -> anchors(scope, key, listId));
            if (found.isEmpty()) {
                return List.of(); // past the end
            }
            anchor = found.get();
        }
        String seek = anchor == null ? "" : " and (" + key + ") >= (cast(?5 as timestamptz), cast(?6 as uuid))";
        String sql = listId != null
                ? "select c.* from (select contact_id, added_at from " + scope + seek + " order by " + key
                        + " offset ?3 limit ?4) m join contacts c on c.id = m.contact_id and c.tenant_id = cast(?2 as"
                        + " uuid) order by m.added_at, m.contact_id"
                : "select c.* from (select id from " + scope + seek + " order by " + key
                        + " offset ?3 limit ?4) k join contacts c on c.id = k.id order by c.created_at, c.id";
        var query = em.createNativeQuery(sql, Contact.class)
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(2, tenant.id())
                .setParameter(3, anchor == null ? offset : offset % PageAnchors.STEP)
                .setParameter(4, limit);
        if (listId != null) {
            query.setParameter(1, listId);
        }
        if (anchor != null) {
            query.setParameter(5, anchor[0]).setParameter(6, anchor[1]);
        }
        return query.getResultList();
    }

    /** The ordering keys of every STEPth row of the scope, in one scan of its ordering index. */
    private List<String[]> anchors(String scope, String key, String listId) {
        var query = Sql.of(
                em,
                "select cast(k1 as text), cast(k2 as text) from (select " + key.replace(", ", " as k1, ")
                        + " as k2, row_number() over (order by " + key + ") - 1 as rank from " + scope
                        + ") r where rank % " + PageAnchors.STEP + " = 0 order by rank");
        if (listId != null) {
            query.setParameter(1, listId);
        } else {
            query.setParameter(2, tenant.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(row -> new String[] {(String) row[0], (String) row[1]})
                .toList();
    }

    /**
     * A filtered page: after a cursor, a keyset condition; by number, deep in a large result (offset past
     * {@link PageAnchors#STEP}), a seek to the anchor of the filtered rows before it and a short offset from there.
     */
    private List<Contact> filtered(ContactFilter filter, int offset, int limit) {
        var where = conditions(filter);
        String order = order(filter);
        int skip = offset;
        if (filter.after() != null) {
            where.and(
                    filter.listId() != null
                            ? "(m.added_at, m.contact_id) > (select added_at, contact_id from contact_list_memberships"
                                    + " where list_id = cast(? as uuid) and contact_id = cast(? as uuid))"
                            : "(c.created_at, c.id) > (select created_at, id from contacts where id = cast(? as uuid))",
                    filter.listId() != null
                            ? new Object[] {filter.listId(), filter.after()}
                            : new Object[] {filter.after()});
            skip = 0;
        } else if (offset >= PageAnchors.STEP) {
            var found = anchors.at(
                    tenant.id() + ":" + filter.listId() + ":" + filter.withoutPaging(),
                    generation(filter),
                    offset,
                    () -> filteredAnchors(filter));
            if (found.isEmpty()) {
                return List.of(); // past the end
            }
            where.and("(" + order + ") >= (cast(? as timestamptz), cast(? as uuid))", found.get()[0], found.get()[1]);
            skip = offset % PageAnchors.STEP;
        }
        String sql =
                "select c.* " + where.from + where.sql() + " order by " + order + " limit " + limit + " offset " + skip;
        @SuppressWarnings("unchecked")
        List<Contact> contacts = where.bind(em.createNativeQuery(renumber(sql), Contact.class)
                        .setHint("eclipselink.jdbc.allow-native-sql-query", true))
                .getResultList();
        return contacts;
    }

    /** The scope's and the filter's conditions, without paging. */
    private Where conditions(ContactFilter filter) {
        var where = new Where(tenant.id());
        where.from = from(filter, where);
        if (filter.status() != null) {
            where.and("c.status = ?", filter.status());
        }
        return where;
    }

    private static String order(ContactFilter filter) {
        return filter.listId() != null ? "m.added_at, m.contact_id" : "c.created_at, c.id";
    }

    /**
     * When a filter's anchors hold: the tally generation changes when a contact joins or leaves the scope or changes
     * status; what a search, a phone type or tags match changes only with a contact's update, which moves the
     * organization's latest {@code updated_at} (one probe of {@code contacts_tenant_updated_idx}).
     */
    private String generation(ContactFilter filter) {
        String generation = tallies.of(filter.listId()).generation();
        if (filter.searchTerm() == null
                && filter.phoneType() == null
                && filter.tags().isEmpty()) {
            return generation;
        }
        Object latest = Sql.of(
                        em, "select cast(max(updated_at) as text) from contacts where tenant_id = cast(?1 as uuid)")
                .setParameter(1, tenant.id())
                .getSingleResult();
        return generation + ":" + latest;
    }

    /** The ordering keys of every STEPth row the filter matches, in one pass over what it matches. */
    private List<String[]> filteredAnchors(ContactFilter filter) {
        var where = conditions(filter);
        String order = order(filter);
        String keys = order.replace(", ", " as k1, ") + " as k2";
        String sql = "select cast(k1 as text), cast(k2 as text) from (select " + keys + ", row_number() over (order by "
                + order + ") - 1 as rank " + where.from + where.sql() + ") r where rank % " + PageAnchors.STEP
                + " = 0 order by rank";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = where.bind(Sql.of(em, renumber(sql))).getResultList();
        return rows.stream()
                .map(row -> new String[] {(String) row[0], (String) row[1]})
                .toList();
    }

    /**
     * A page of a search, a phone type or tags and its counts from one pass over what matches: the counts are window
     * aggregates over every matching row, and the rows of the asked status are ordered first, so the page is the
     * first of them past the offset. A page and a count in two statements made PostgreSQL find the matches twice
     * (measured at a million contacts: the count took as long as the page). Then the page's contacts by id.
     */
    private Page matchedOnce(ContactFilter filter, int offset, int limit) {
        var where = new Where(tenant.id());
        where.from = from(filter, where);
        String passes =
                switch (filter.status() == null ? "" : filter.status()) {
                    case "" -> "true";
                    case "active", "inactive" -> "c.status = '" + filter.status() + "'";
                    default -> throw new IllegalArgumentException("status " + filter.status());
                };
        String sql = "select cast(c.id as text), " + passes + ", count(*) filter (where " + passes + ") over (),"
                + " count(*) filter (where c.status = 'active') over (),"
                + " count(*) filter (where c.status = 'inactive') over () " + where.from + where.sql()
                // PostgreSQL refuses a constant in ORDER BY ("non-integer constant"): with no status asked, every row
                // passes
                + " order by " + (passes.equals("true") ? "" : passes + " desc, ") + order(filter) + " limit " + limit
                + " offset " + offset;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = where.bind(Sql.of(em, renumber(sql))).getResultList();
        if (rows.isEmpty()) {
            // past the last match (or none): the window had no row to count on
            return offset == 0 ? new Page(List.of(), 0, 0, 0) : counted(List.of(), filter);
        }
        List<String> ids = rows.stream()
                .filter(row -> Boolean.TRUE.equals(row[1]))
                .map(row -> (String) row[0])
                .toList();
        Object[] first = rows.get(0);
        return new Page(byIds(ids), number(first[2]), number(first[3]), number(first[4]));
    }

    /** The contacts with these ids, in the order of the ids. */
    private List<Contact> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Contact> found = em.createNativeQuery(
                        "select c.* from contacts c where c.tenant_id = cast(?1 as uuid)"
                                + " and c.id = any(cast(string_to_array(?2, ',') as uuid[]))",
                        Contact.class)
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, tenant.id())
                .setParameter(2, String.join(",", ids))
                .getResultList();
        var byId = new HashMap<String, Contact>();
        found.forEach(contact -> byId.put(contact.id(), contact));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The counts of a search, a phone type or tags: only what matches is counted. */
    private Page counted(List<Contact> contacts, ContactFilter filter) {
        var counts = new Where(tenant.id());
        String from = from(filter, counts);
        String status = filter.status() == null ? "true" : "c.status = ?";
        String countSql = "select count(*) filter (where " + status + "), count(*) filter (where c.status = 'active'),"
                + " count(*) filter (where c.status = 'inactive') " + from + counts.sql();
        var countParameters = new Where(null);
        if (filter.status() != null) {
            countParameters.parameters.add(filter.status());
        }
        countParameters.parameters.addAll(counts.parameters);
        Object[] row =
                (Object[]) countParameters.bind(Sql.of(em, renumber(countSql))).getSingleResult();
        return new Page(contacts, number(row[0]), number(row[1]), number(row[2]));
    }

    /** The lists each contact is on, by contact id. */
    public Map<String, List<Membership>> memberships(List<String> contactIds) {
        var byContact = new HashMap<String, List<Membership>>();
        if (contactIds.isEmpty()) {
            return byContact;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        """
                        select cast(m.contact_id as text), cast(l.id as text), l.name, m.added_at
                        from contact_list_memberships m join contact_lists l on l.id = m.list_id
                        where m.tenant_id = cast(?1 as uuid)
                          and m.contact_id = any(cast(string_to_array(?2, ',') as uuid[]))
                        order by l.name, l.id""")
                .setParameter(1, tenant.id())
                .setParameter(2, String.join(",", contactIds))
                .getResultList();
        for (Object[] row : rows) {
            byContact
                    .computeIfAbsent((String) row[0], id -> new ArrayList<>())
                    .add(new Membership((String) row[1], (String) row[2], time(row[3])));
        }
        return byContact;
    }

    /** Those of the numbers (E.164) on any of the organization's do-not-call lists. */
    public Set<String> doNotCall(List<String> phones) {
        if (phones.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = Sql.of(
                        em,
                        "select distinct phone from dnc_entries where tenant_id = cast(?1 as uuid)"
                                + " and phone = any(string_to_array(?2, ','))")
                .setParameter(1, tenant.id())
                .setParameter(2, String.join(",", phones))
                .getResultList();
        var numbers = new HashSet<String>();
        rows.forEach(phone -> numbers.add((String) phone));
        return numbers;
    }

    /** How many contacts each list holds, by list id, from the tallies (lists never filled are absent). */
    public Map<String, Long> listSizes(List<String> listIds) {
        var sizes = new HashMap<String, Long>();
        if (listIds.isEmpty()) {
            return sizes;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        """
                        select cast(list_id as text), active + inactive from contact_tally_scopes(cast(?1 as uuid))
                        where list_id = any(cast(string_to_array(?2, ',') as uuid[]))""")
                .setParameter(1, tenant.id())
                .setParameter(2, String.join(",", listIds))
                .getResultList();
        rows.forEach(row -> sizes.put((String) row[0], number(row[1])));
        return sizes;
    }

    private static String from(ContactFilter filter, Where where) {
        var from = new StringBuilder("from contacts c");
        if (filter.listId() != null) {
            from.append(" join contact_list_memberships m on m.contact_id = c.id and m.list_id = cast(? as uuid)");
            where.parameters.add(0, filter.listId());
        }
        String term = filter.searchTerm();
        if (term != null) {
            // The trigram index is asked for the term's words, each on its own, and the whole term is checked on the
            // rows that have them all: the same rows as "like '%term%'". Asked for the whole term, pg_trgm adds the
            // padded trigrams of each word boundary in it ("  s", " sm" for " smith", "  1" for ".123"), each in a
            // posting list of a large share of all rows (EXPLAIN ANALYZE at a million contacts: "james smith" 14-34 ms
            // that way, 2 ms word by word).
            List<String> words = ContactFilter.indexedWords(term);
            if (words.isEmpty()) {
                where.and("c.search_text like ?", "%" + likeEscaped(term) + "%");
            } else {
                words.forEach(word -> where.and("c.search_text like ?", "%" + likeEscaped(word) + "%"));
                if (!words.equals(List.of(term))) {
                    where.and("strpos(c.search_text, ?) > 0", term);
                }
            }
        }
        if (filter.phoneType() != null) {
            where.and("c.phone_type = ?", filter.phoneType());
        }
        if (!filter.tags().isEmpty()) {
            where.and("c.tags @> cast(? as jsonb)", Sql.jsonArray(filter.tags()));
        }
        return from.toString();
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** {@code ?} placeholders as EclipseLink's numbered ones, in order. */
    static String renumber(String sql) {
        var out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('?').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.sql.Timestamp stamp) {
            return stamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }

    /** Conditions joined with {@code and}, their parameters in the order of their placeholders. */
    static final class Where {

        final List<Object> parameters = new ArrayList<>();
        private final StringBuilder conditions = new StringBuilder();
        /** the {@code from} clause these conditions go with */
        String from = "";

        Where(String tenantId) {
            if (tenantId != null) {
                and("c.tenant_id = cast(? as uuid)", tenantId);
            }
        }

        Where and(String condition, Object... values) {
            conditions.append(conditions.length() == 0 ? " where " : " and ").append(condition);
            parameters.addAll(List.of(values));
            return this;
        }

        Where copy() {
            var copy = new Where(null);
            copy.conditions.append(conditions);
            copy.parameters.addAll(parameters);
            return copy;
        }

        String sql() {
            return conditions.toString();
        }

        jakarta.persistence.Query bind(jakarta.persistence.Query query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query;
        }
    }
}
