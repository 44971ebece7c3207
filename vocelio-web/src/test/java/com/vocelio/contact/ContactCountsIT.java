package com.vocelio.contact;

import static com.vocelio.contact.ContactsIT.contact;
import static com.vocelio.contact.ContactsIT.list;
import static com.vocelio.contact.ContactsIT.mobile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Api;
import com.vocelio.testing.Api.Organization;
import com.vocelio.testing.Database;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, scale: page totals come from tallies the database keeps (no count of every row per page), so they must
 * stay exactly what a count says through every kind of write, and a page asked for by number must hold the same rows
 * as walking there.
 */
class ContactCountsIT {

    static Organization org;
    static Organization other;

    @BeforeAll
    static void organizations() {
        org = Api.newOrganization();
        other = Api.newOrganization();
    }

    @Test
    void totalsStayExactThroughCreatesStatusChangesBulkOperationsImportsAndDeletes() {
        String a = list(org, Api.unique("Tally A"));
        String b = list(org, Api.unique("Tally B"));
        var ids = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            ids.add(contact(org, Map.of("firstName", "T" + i, "phone", mobile(), "listIds", List.of(a))));
        }
        contact(other, Map.of("firstName", "Elsewhere", "phone", mobile()));
        assertCounts(a, b);

        org.asAdmin()
                .body(Map.of("status", "inactive"))
                .put("/v1/contacts/" + ids.get(0))
                .then()
                .statusCode(200);
        org.asAdmin()
                .body(Map.of("status", "inactive"))
                .put("/v1/contacts/" + ids.get(1))
                .then()
                .statusCode(200);
        org.asAdmin()
                .body(Map.of("status", "active"))
                .put("/v1/contacts/" + ids.get(1))
                .then()
                .statusCode(200);
        assertCounts(a, b);

        bulk(Map.of("action", "move-to-list", "contactIds", ids.subList(0, 3), "data", Map.of("listId", b)));
        assertCounts(a, b);
        org.asAdmin()
                .body(Map.of("contactIds", List.of(ids.get(4), ids.get(5))))
                .post("/v1/contact-lists/" + b + "/contacts")
                .then()
                .statusCode(200);
        org.asAdmin()
                .delete("/v1/contact-lists/" + b + "/contacts/" + ids.get(4))
                .then()
                .statusCode(200);
        assertCounts(a, b);

        org.asAdmin().delete("/v1/contacts/" + ids.get(0)).then().statusCode(200); // inactive, on list b
        bulk(Map.of("action", "delete", "contactIds", List.of(ids.get(5))));
        assertCounts(a, b);

        var csv = new StringBuilder("phone,first_name,status\n");
        for (int i = 0; i < 5; i++) {
            csv.append(mobile()).append(",Imported").append(i).append(i == 0 ? ",inactive\n" : ",active\n");
        }
        String job = ContactImportsIT.upload(
                org, csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("listId", a, "skipDuplicates", "false"));
        ContactImportsIT.finished(org, job);
        assertCounts(a, b);

        org.asAdmin().delete("/v1/contact-lists/" + b).then().statusCode(200);
        assertCounts(a);
        assertEquals(0, Database.number("select count(*) from contact_tallies where list_id = cast(? as uuid)", b));
    }

    @Test
    void aPageByNumberHoldsTheRowsOfWalkingThereAndSkipsNothing() {
        String listId = list(org, Api.unique("Pages"));
        var expected = new ArrayList<String>();
        for (int i = 0; i < 11; i++) {
            expected.add(contact(org, Map.of("firstName", "P" + i, "phone", mobile(), "listIds", List.of(listId))));
        }
        var byNumber = new ArrayList<String>();
        for (int page = 1; page <= 4; page++) {
            var json = org.asAdmin()
                    .queryParam("limit", "3")
                    .queryParam("page", page)
                    .get("/api/contacts/lists/" + listId + "/contacts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(11, json.getLong("totalCount"));
            assertEquals(4, json.getLong("totalPages"));
            assertEquals(page < 4, json.getBoolean("hasMore"));
            byNumber.addAll(json.getList("contacts.id"));
        }
        assertEquals(expected, byNumber);
        List<String> v1Page2 = org.asAdmin()
                .queryParam("limit", "3")
                .queryParam("page", "2")
                .get("/v1/contact-lists/" + listId + "/contacts")
                .then()
                .statusCode(200)
                .extract()
                .path("data.id");
        assertEquals(expected.subList(3, 6), v1Page2);
        other.asAdmin()
                .get("/api/contacts/lists/" + listId + "/contacts?page=2")
                .then()
                .statusCode(404);
    }

    @Test
    void deepPagesByNumberStayExactWhenEarlierRowsLeave() {
        var fresh = Api.newOrganization(); // its contacts are exactly the imported ones
        String listId = list(fresh, Api.unique("Deep"));
        int rows = 12_000; // past two page anchors (every 5,000 rows)
        var csv = new StringBuilder("phone,first_name\n");
        for (int i = 0; i < rows; i++) {
            csv.append("+4915" + (200_000_000 + i)).append(",D").append(i).append('\n');
        }
        var done = ContactImportsIT.finished(
                fresh,
                ContactImportsIT.upload(
                        fresh, csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("listId", listId)));
        assertEquals(rows, done.getInt("data.results.imported"), done.prettify());
        var walked = walk(fresh, listId);
        assertEquals(rows, walked.size());
        assertEquals(walked.subList(6000, 6050), pageOf(fresh, listId, 121, rows));
        assertEquals(walked.subList(11_950, 12_000), pageOf(fresh, listId, 240, rows));
        List<String> everyone = fresh.asAdmin()
                .queryParam("limit", "50")
                .queryParam("page", "121")
                .get("/v1/contacts")
                .then()
                .statusCode(200)
                .extract()
                .path("data.id");
        assertEquals(walk(fresh, null).subList(6000, 6050), everyone);

        // rows before the anchors leave: every later row moves up, and the pages by number with them
        fresh.asAdmin().delete("/v1/contacts/" + walked.get(10)).then().statusCode(200);
        fresh.asAdmin()
                .delete("/v1/contact-lists/" + listId + "/contacts/" + walked.get(20))
                .then()
                .statusCode(200);
        var expected = new ArrayList<>(walked);
        expected.remove(20);
        expected.remove(10);
        assertEquals(expected, walk(fresh, listId));
        assertEquals(expected.subList(6000, 6050), pageOf(fresh, listId, 121, rows - 2));
        assertEquals(expected.subList(11_950, 11_998), pageOf(fresh, listId, 240, rows - 2));
        assertEquals(List.of(), pageOf(fresh, listId, 241, rows - 2));
    }

    /** Every contact of the list (or of the organization) in order, by keyset pages of 500. */
    private static List<String> walk(Organization o, String listId) {
        var ids = new ArrayList<String>();
        String after = null;
        do {
            var request = o.asAdmin().queryParam("limit", "500");
            if (listId != null) {
                request.queryParam("listId", listId);
            }
            if (after != null) {
                request.queryParam("after", after);
            }
            var page =
                    request.get("/v1/contacts").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("data.id"));
            after = page.getString("pagination.nextCursor");
        } while (after != null);
        return ids;
    }

    private static List<String> pageOf(Organization o, String listId, int page, long total) {
        var json = o.asAdmin()
                .queryParam("limit", "50")
                .queryParam("page", page)
                .get("/api/contacts/lists/" + listId + "/contacts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(total, json.getLong("totalCount"));
        return json.getList("contacts.id");
    }

    private static void bulk(Map<String, Object> body) {
        org.asAdmin().body(body).post("/v1/contacts/bulk-operations").then().statusCode(200);
    }

    /** The API's totals against a count of the rows, for the organization and for each list. */
    private static void assertCounts(String... lists) {
        for (String status : List.of("active", "inactive")) {
            long counted = Database.number(
                    "select count(*) from contacts where tenant_id = cast(? as uuid) and status = ?", org.id(), status);
            assertEquals(
                    counted,
                    org.asAdmin()
                            .queryParam("status", status)
                            .get("/v1/contacts")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getLong("pagination.total"),
                    "the organization's " + status + " contacts");
        }
        var all = org.asAdmin()
                .get("/v1/contacts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                Database.number("select count(*) from contacts where tenant_id = cast(? as uuid)", org.id()),
                all.getLong("filters.totalContacts"));
        for (String listId : lists) {
            for (String status : List.of("all", "active", "inactive")) {
                long counted = Database.number(
                        "select count(*) from contact_list_memberships m join contacts c on c.id = m.contact_id"
                                + " where m.list_id = cast(? as uuid) and (? = 'all' or c.status = ?)",
                        listId,
                        status,
                        status);
                var page = org.asAdmin()
                        .queryParam("status", status)
                        .get("/api/contacts/lists/" + listId + "/contacts")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertEquals(counted, page.getLong("totalCount"), "list " + listId + ", " + status);
            }
            var v1 = org.asAdmin()
                    .get("/v1/contact-lists/" + listId + "/contacts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(
                    Database.number(
                            "select count(*) from contact_list_memberships m join contacts c on c.id = m.contact_id"
                                    + " where m.list_id = cast(? as uuid) and c.status = 'active'",
                            listId),
                    v1.getLong("filters.activeContacts"));
            assertEquals(
                    v1.getLong("pagination.total"),
                    org.asAdmin()
                            .get("/v1/contact-lists/" + listId)
                            .then()
                            .extract()
                            .jsonPath()
                            .getLong("data.contactCount"));
        }
    }
}
