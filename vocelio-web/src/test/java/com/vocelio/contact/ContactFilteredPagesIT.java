package com.vocelio.contact;

import static com.vocelio.contact.ContactsIT.contact;
import static com.vocelio.contact.ContactsIT.landline;
import static com.vocelio.contact.ContactsIT.list;
import static com.vocelio.contact.ContactsIT.mobile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Api.Organization;
import com.vocelio.testing.Database;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: pages combined with filters (status, phone type, search) deep in a list, past the first page anchor
 * (5,000 rows), are exactly the rows an offset over the filtered rows gives, also after writes that move rows in or
 * out of the filter before the page; and cursor pages with a filter neither repeat nor skip a row while matching and
 * non-matching rows are added between pages.
 */
class ContactFilteredPagesIT {

    static final int ROWS = 12_000;

    static Organization org;
    static String deep;

    @BeforeAll
    static void aListOfTwelveThousand() {
        org = Api.newOrganization();
        deep = list(org, Api.unique("Deep"));
        // every 2nd row active, 3 of 4 mobile, all named "Deep…"; added an hour ago, a millisecond apart
        long inserted = Database.number(
                """
                with c as (
                  insert into contacts (id, tenant_id, phone, phone_type, first_name, status, created_at, updated_at)
                  select gen_random_uuid(), cast(? as uuid), '+49151' || lpad(i::text, 8, '0'),
                         case when i % 4 = 0 then 'landline' else 'mobile' end, 'Deep' || i,
                         case when i % 2 = 0 then 'active' else 'inactive' end,
                         now() - interval '1 hour' + i * interval '1 millisecond',
                         now() - interval '1 hour' + i * interval '1 millisecond'
                  from generate_series(1, ?) i
                  returning id, tenant_id, created_at),
                m as (
                  insert into contact_list_memberships (tenant_id, list_id, contact_id, added_at)
                  select tenant_id, cast(? as uuid), id, created_at from c returning 1)
                select count(*) from m""",
                org.id(), ROWS, deep);
        assertEquals(ROWS, inserted);
    }

    @Test
    void deepFilteredPagesByNumberAreTheFilteredRowsAtThatOffsetAlsoAfterWrites() {
        assertDeepPagesExact("the first time");
        String early = row(10); // before the first anchor of every filter: moving it shifts every deep page
        org.asAdmin()
                .body(Map.of("status", "inactive"))
                .put("/v1/contacts/" + early)
                .then()
                .statusCode(200);
        org.asAdmin()
                .body(Map.of("phone", landline()))
                .put("/v1/contacts/" + early)
                .then()
                .statusCode(200);
        assertDeepPagesExact("after a contact before the anchors left the active and mobile rows");
        String another = row(12);
        org.asAdmin()
                .body(Map.of("firstName", "Shallow"))
                .put("/v1/contacts/" + another)
                .then()
                .statusCode(200);
        assertDeepPagesExact("after a contact before the anchors left the search's rows");
        org.asAdmin().delete("/v1/contacts/" + row(20)).then().statusCode(200);
        contact(org, Map.of("firstName", "Deep appended", "phone", mobile(), "listIds", List.of(deep)));
        assertDeepPagesExact("after a delete and an append");
    }

    private static void assertDeepPagesExact(String when) {
        // portal: status and phone type, page numbers whose offsets are past the first anchor
        assertEquals(
                truth("c.status = 'active'", 5_000, 50),
                portal("status=active&page=101&limit=50"),
                "status=active, page 101, " + when);
        assertEquals(
                truth("c.status = 'active'", 5_950, 50),
                portal("status=active&page=120&limit=50"),
                "status=active, page 120, " + when);
        assertEquals(
                truth("c.phone_type = 'mobile'", 6_000, 100),
                portal("phoneFilter=mobile&page=61&limit=100"),
                "phoneFilter=mobile, page 61, " + when);
        assertEquals(
                truth("c.phone_type = 'mobile' and c.status = 'active'", 100, 50),
                portal("phoneFilter=mobile&status=active&page=3&limit=50"),
                "a shallow page, " + when);
        // /v1: a search and a status together
        assertEquals(
                truth("c.search_text like '%deep%' and c.status = 'active'", 5_500, 100),
                org.asAdmin()
                        .get("/v1/contacts?listId=" + deep + "&search=Deep&status=active&page=56&limit=100")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("data.id"),
                "search=Deep&status=active, page 56, " + when);
        assertEquals(List.of(), portal("status=active&page=1000&limit=50"), "past the end, " + when);
    }

    @Test
    void filteredCursorPagesNeverRepeatOrSkipWhileRowsAreAdded() {
        String listId = list(org, Api.unique("Keyset filtered"));
        var expected = new ArrayList<String>();
        for (int i = 0; i < 7; i++) {
            String id = contact(
                    org,
                    Map.of(
                            "firstName",
                            "Kf" + i,
                            "phone",
                            mobile(),
                            "status",
                            i % 2 == 0 ? "active" : "inactive",
                            "listIds",
                            List.of(listId)));
            if (i % 2 == 0) {
                expected.add(id);
            }
        }
        var seen = new ArrayList<String>();
        String after = null;
        for (int round = 0; round < 10; round++) {
            var request = org.asAdmin()
                    .queryParam("listId", listId)
                    .queryParam("status", "active")
                    .queryParam("search", "kf")
                    .queryParam("limit", "2");
            if (after != null) {
                request.queryParam("after", after);
            }
            var page =
                    request.get("/v1/contacts").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            // between pages: a matching row, a row of another status and one the search does not find
            expected.add(
                    contact(org, Map.of("firstName", "KfNew" + round, "phone", mobile(), "listIds", List.of(listId))));
            contact(
                    org,
                    Map.of(
                            "firstName",
                            "KfOff" + round,
                            "phone",
                            mobile(),
                            "status",
                            "inactive",
                            "listIds",
                            List.of(listId)));
            contact(org, Map.of("firstName", "Other" + round, "phone", mobile(), "listIds", List.of(listId)));
            after = page.getString("pagination.nextCursor");
            if (after == null) {
                break;
            }
        }
        assertEquals(new HashSet<>(seen).size(), seen.size(), "a row was repeated: " + seen);
        assertEquals(expected.subList(0, seen.size()), seen, "pages skipped or reordered rows");
        assertTrue(seen.size() >= 4, seen.toString());
    }

    @Test
    void searchPagesAndTheirCountsComeFromOnePassOverTheMatches() {
        String listId = list(org, Api.unique("Once"));
        String word = "once" + Long.toString(System.nanoTime(), 36);
        var active = new ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            String id = contact(
                    org,
                    Map.of(
                            "firstName",
                            word + i,
                            "phone",
                            mobile(),
                            "status",
                            i % 3 == 0 ? "active" : "inactive",
                            "listIds",
                            List.of(listId)));
            if (i % 3 == 0) {
                active.add(id);
            }
        }
        contact(org, Map.of("firstName", "Unrelated", "phone", mobile(), "listIds", List.of(listId)));
        for (int page = 1; page <= 3; page++) {
            var json = org.asAdmin()
                    .get("/v1/contacts?listId=" + listId + "&search=" + word + "&status=active&limit=2&page=" + page)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            var expected = active.subList(Math.min(active.size(), (page - 1) * 2), Math.min(active.size(), page * 2));
            assertEquals(expected, json.getList("data.id"), "page " + page);
            assertEquals(3, json.getInt("pagination.total"), "page " + page);
            assertEquals(8, json.getInt("filters.totalContacts"), "page " + page);
            assertEquals(3, json.getInt("filters.activeContacts"), "page " + page);
            assertEquals(5, json.getInt("filters.inactiveContacts"), "page " + page);
        }
        var portal = org.asAdmin()
                .get("/api/contacts/search?q=" + word + "&limit=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(active.subList(0, 2), portal.getList("contacts.id"));
        assertEquals(3, portal.getInt("totalCount"));
        assertEquals(
                8,
                org.asAdmin()
                        .get("/api/contacts/search?q=" + word + "&includeInactive=true&limit=50")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("contacts.id")
                        .size());
    }

    private static List<String> portal(String query) {
        return org.asAdmin()
                .get("/api/contacts/lists/" + deep + "/contacts?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("contacts.id");
    }

    /** What an offset over the filtered rows of the list gives, asked of the database directly. */
    private static List<String> truth(String condition, int offset, int limit) {
        return Database.rows(
                        "select cast(c.id as text) as id from contact_list_memberships m join contacts c"
                                + " on c.id = m.contact_id where m.list_id = cast(? as uuid) and " + condition
                                + " order by m.added_at, m.contact_id offset ? limit ?",
                        deep,
                        offset,
                        limit)
                .stream()
                .map(row -> (String) row.get("id"))
                .toList();
    }

    /** The id of the list's row at this position. */
    private static String row(int position) {
        return (String) Database.rows(
                        "select cast(contact_id as text) as id from contact_list_memberships"
                                + " where list_id = cast(? as uuid) order by added_at, contact_id offset ? limit 1",
                        deep,
                        position)
                .get(0)
                .get("id");
    }
}
