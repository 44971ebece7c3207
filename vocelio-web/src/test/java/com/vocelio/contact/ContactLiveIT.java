package com.vocelio.contact;

import static com.vocelio.contact.ContactsIT.contact;
import static com.vocelio.contact.ContactsIT.mobile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.vocelio.testing.Api;
import com.vocelio.testing.Api.Organization;
import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Feeds;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: contacts on the live stream ({@code contact_updated} on the {@code contacts} channel of {@code /ws}, for
 * creates, updates, deletes and bulk operations, never another organization's), and an import whose run died is
 * resumed by the sweep although nobody polls it.
 */
class ContactLiveIT {

    static Organization org;
    static Organization other;

    @BeforeAll
    static void organizations() {
        org = Api.newOrganization();
        other = Api.newOrganization();
    }

    @Test
    void createsUpdatesDeletesAndBulkOperationsAreContactUpdatedEventsOnTheSocket() {
        try (var live = EventClient.signedIn("ws", org.accessToken());
                var theirs = EventClient.signedIn("ws", other.accessToken())) {
            Feeds.subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"contacts\"}", "contacts");
            Feeds.subscribe(theirs, "{\"type\":\"subscribe\",\"channel\":\"contacts\"}", "contacts");
            String id = contact(org, Map.of("firstName", "Live", "phone", mobile(), "email", "live@example.com"));
            var created = EventClient.payload(live.await("created", Feeds.WAIT, change(id, "created")));
            assertEquals("Live", created.getJsonObject("changes").getString("firstName"));
            assertEquals(
                    Database.rows("select cast(id as text) as id from users where email = ?", org.adminEmail())
                            .get(0)
                            .get("id"),
                    created.getString("updatedBy"));

            org.asAdmin().body(Map.of("lastName", "Wire", "status", "inactive")).put("/v1/contacts/" + id);
            var updated = EventClient.payload(live.await("updated", Feeds.WAIT, change(id, "updated")));
            assertEquals(
                    Map.of("lastName", "Wire", "status", "inactive").keySet(),
                    updated.getJsonObject("changes").keySet(),
                    "only what changed: " + updated);

            String second = contact(org, Map.of("firstName", "Bulk", "phone", mobile()));
            org.asAdmin()
                    .body(Map.of(
                            "action",
                            "add-tags",
                            "contactIds",
                            List.of(id, second),
                            "data",
                            Map.of("tags", List.of("vip"))))
                    .post("/v1/contacts/bulk-operations")
                    .then()
                    .statusCode(200);
            var bulk = EventClient.payload(live.await(
                    "bulk",
                    Feeds.WAIT,
                    message -> "contact_updated".equals(EventClient.text(message, "type"))
                            && "add-tags".equals(EventClient.text(EventClient.payload(message), "action"))));
            assertEquals(
                    List.of(id, second),
                    bulk.getJsonArray("contactIds").getValuesAs(jakarta.json.JsonString::getString));

            org.asAdmin().delete("/v1/contacts/" + id).then().statusCode(200);
            live.await("deleted", Feeds.WAIT, change(id, "deleted"));
            assertTrue(
                    theirs.messages(EventClient.type("contact_updated")).isEmpty(),
                    "another organization's contacts leaked: " + theirs.messages(EventClient.type("contact_updated")));
        }
    }

    private static Predicate<JsonObject> change(String contactId, String action) {
        return message -> "contact_updated".equals(EventClient.text(message, "type"))
                && contactId.equals(EventClient.text(EventClient.payload(message), "contactId"))
                && action.equals(EventClient.text(EventClient.payload(message), "action"));
    }

    @Test
    void anImportWhoseRunDiedIsResumedFromItsCheckpointWithoutAnyPoll() {
        // as a node that died after its first batch leaves it: two rows in and counted, heartbeat an hour old
        String[] phones = {mobile(), mobile(), mobile(), mobile()};
        contact(org, Map.of("firstName", "Batch1a", "phone", phones[0]));
        contact(org, Map.of("firstName", "Batch1b", "phone", phones[1]));
        var csv = new StringBuilder("phone,first_name\n");
        for (int i = 0; i < phones.length; i++) {
            csv.append(phones[i]).append(",Row").append(i).append('\n');
        }
        // a number of the checkpointed part again: the file's duplicate, as in a run never interrupted, so merging
        // (skipDuplicates false) leaves the contact as the first batch wrote it
        csv.append(phones[0]).append(",Again\n");
        String job = UUID.randomUUID().toString();
        Database.rows(
                """
                insert into contact_imports (id, tenant_id, filename, file_size, options, status, progress,
                    total_rows, valid_contacts, imported, rows_done, heartbeat_at, created_at, started_at)
                values (cast(? as uuid), cast(? as uuid), 'died.csv', ?, cast(? as jsonb), 'processing', 50,
                    2, 2, 2, 2, now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour')
                returning id""",
                job,
                org.id(),
                csv.length(),
                "{\"skipDuplicates\":false,\"mapping\":{}}");
        // the upload as stored, in two chunks: the resuming run reads them in order
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        for (int seq = 0; seq < 2; seq++) {
            Database.rows(
                    "insert into contact_import_chunks (import_id, seq, tenant_id, bytes)"
                            + " values (cast(? as uuid), ?, cast(? as uuid), ?) returning seq",
                    job,
                    seq,
                    org.id(),
                    seq == 0 ? Arrays.copyOfRange(bytes, 0, half) : Arrays.copyOfRange(bytes, half, bytes.length));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!"completed".equals(status(job))) {
            if (System.nanoTime() > deadline) {
                fail("the sweep did not resume import " + job + ": "
                        + Database.rows(
                                "select status, failure, rows_done from contact_imports where id = cast(? as uuid)",
                                job));
            }
            sleep();
        }
        var done = org.asAdmin()
                .get("/v1/uploads/contacts/" + job)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(5, done.getInt("data.results.totalRows"), done.prettify());
        assertEquals(4, done.getInt("data.results.imported"), done.prettify()); // the checkpoint's rows not again
        assertEquals(1, done.getInt("data.results.duplicates"), done.prettify()); // the number met before
        assertEquals(1, done.getInt("data.results.skipped"), done.prettify());
        assertEquals(100, done.getInt("data.progress"));
        for (int i = 0; i < phones.length; i++) {
            var rows = Database.rows(
                    "select first_name from contacts where tenant_id = cast(? as uuid) and phone = ?",
                    org.id(),
                    phones[i]);
            assertEquals(1, rows.size(), phones[i]);
            assertEquals(
                    i < 2 ? "Batch" + (i == 0 ? "1a" : "1b") : "Row" + i,
                    rows.get(0).get("first_name"));
        }
        other.asAdmin().get("/v1/uploads/contacts/" + job).then().statusCode(404);
        assertEquals(
                0,
                Database.number("select count(*) from contact_import_chunks where import_id = cast(? as uuid)", job),
                "the upload is forgotten once its rows are contacts");
    }

    private static String status(String job) {
        return (String) Database.rows("select status from contact_imports where id = cast(? as uuid)", job)
                .get(0)
                .get("status");
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
