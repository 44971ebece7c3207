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
