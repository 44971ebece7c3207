package com.vocelio.contact;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.vocelio.testing.Api;
import com.vocelio.testing.Api.Organization;
import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Feeds;
import com.vocelio.testing.TestServer;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue #17: CSV import jobs ({@code /v1/uploads/contacts}), their results, limits and progress events. */
class ContactImportsIT {

    static Organization org;
    static Organization other;

    @BeforeAll
    static void organizations() {
        org = Api.newOrganization();
        other = Api.newOrganization();
    }

    static String mobile() {
        return "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static RequestSpecification multipart(Organization o) {
        return RestAssured.given()
                .baseUri(TestServer.get().baseUri().toString())
                .header("Authorization", "Bearer " + o.accessToken())
                .accept("application/json");
    }

    static String upload(Organization o, byte[] csv, Map<String, String> fields) {
        var request = multipart(o).multiPart("file", "contacts.csv", csv, "text/csv");
        fields.forEach(request::multiPart);
        return request.post("/v1/uploads/contacts")
                .then()
                .statusCode(202)
                .body("data.status", equalTo("pending"))
                .body("data.filename", equalTo("contacts.csv"))
                .body("data.fileSize", equalTo(csv.length))
                .extract()
                .path("data.jobId");
    }

    static JsonPath finished(Organization o, String jobId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            var job = o.asAdmin()
                    .get("/v1/uploads/contacts/" + jobId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (!job.getString("data.status").equals("pending")
                    && !job.getString("data.status").equals("processing")) {
                return job;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("import " + jobId + " did not finish in 60 s");
        return null;
    }

    @Test
    void aFileWithBadRowsImportsTheGoodOnesAndReportsTheBadByLine() {
        String existing = mobile();
        org.asAdmin()
                .body(Map.of("firstName", "Before", "phone", existing))
                .post("/v1/contacts")
                .then()
                .statusCode(201);
        String a = mobile();
        String b = mobile();
        var csv = new ByteArrayOutputStream();
        csv.writeBytes(("First Name,Last Name,Phone,Email,Plan\n"
                        + "Ann,Zo\u00eb," + a + ",ann@example.com,gold\n" // 2: UTF-8, so the file is read as UTF-8
                        + "Bad,Phone,call me,,\n" // 3
                        + "Short,Row\n" // 4
                        + "Dup,InFile," + a + ",,\n" // 5
                        + "Bad,Mail," + b + ",nope@,\n" // 6
                        + "Was,There," + existing + ",,\n") // 7
                .getBytes(StandardCharsets.UTF_8));
        csv.writeBytes(("J\u00fcrgen,Latin1," + mobile() + ",,\n").getBytes(StandardCharsets.ISO_8859_1)); // 8
        csv.writeBytes(("Bee,Two," + b.substring(0, 3) + " " + b.substring(3) + ",,silver\n")
                .getBytes(StandardCharsets.UTF_8)); // 9
        String listName = Api.unique("Imported");
        String job = upload(org, csv.toByteArray(), Map.of("listName", listName));
        var done = finished(org, job);
        assertEquals("completed", done.getString("data.status"), done.prettify());
        assertEquals(100, done.getInt("data.progress"));
        assertEquals(8, done.getInt("data.results.totalRows"));
        assertEquals(3, done.getInt("data.results.validContacts")); // a, existing, b
        assertEquals(4, done.getInt("data.results.invalidContacts"));
        assertEquals(2, done.getInt("data.results.duplicates")); // a again, existing
        assertEquals(2, done.getInt("data.results.imported"));
        assertEquals(2, done.getInt("data.results.skipped"));
        List<Integer> rows = done.getList("data.validationErrors.row");
        assertEquals(List.of(3, 4, 6, 8), rows, done.prettify());
        assertTrue(done.getString("data.validationErrors[0].error").startsWith("phone"));
        assertTrue(done.getString("data.validationErrors[1].error").contains("fields"));
        assertTrue(done.getString("data.validationErrors[2].error").startsWith("email"));
        assertTrue(done.getString("data.validationErrors[3].error").contains("UTF-8"));
        assertEquals("Short,Row", done.getString("data.validationErrors[1].data"));
        String listId = done.getString("data.listId");
        org.asAdmin()
                .get("/v1/contact-lists/" + listId)
                .then()
                .body("data.name", equalTo(listName))
                .body("data.contactCount", equalTo(3));
        org.asAdmin()
                .queryParam("search", a.substring(3))
                .get("/v1/contacts")
                .then()
                .body("data", hasSize(1))
                .body("data[0].firstName", equalTo("Ann"))
                .body("data[0].customFields.Plan", equalTo("gold"))
                .body("data[0].source", equalTo("import"));
        org.asAdmin()
                .queryParam("search", existing.substring(3))
                .get("/v1/contacts")
                .then()
                .body("data[0].firstName", equalTo("Before")); // skipped, not overwritten
        for (String phone : List.of(a, b, existing)) {
            assertEquals(
                    1,
                    Database.number(
                            "select count(*) from contacts where phone = ? and tenant_id = cast(? as uuid)",
                            phone,
                            org.id()));
        }
        other.asAdmin().get("/v1/uploads/contacts/" + job).then().statusCode(404);
    }

    @Test
    void withoutSkipDuplicatesAnExistingContactIsMergedNotDuplicated() {
        String phone = mobile();
        org.asAdmin()
                .body(Map.of("firstName", "Old", "phone", phone, "email", "keep@example.com"))
                .post("/v1/contacts")
                .then()
                .statusCode(201);
        String job = upload(
                org,
                ("phone;last_name;tags\n" + phone + ";Newer;a|b\n").getBytes(StandardCharsets.UTF_8),
                Map.of("skipDuplicates", "false"));
        var done = finished(org, job);
        assertEquals(1, done.getInt("data.results.imported"));
        assertEquals(1, done.getInt("data.results.duplicates"));
        org.asAdmin()
                .queryParam("search", phone.substring(3))
                .get("/v1/contacts")
                .then()
                .body("data", hasSize(1))
                .body("data[0].firstName", equalTo("Old"))
                .body("data[0].lastName", equalTo("Newer"))
                .body("data[0].email", equalTo("keep@example.com"))
                .body("data[0].tags", equalTo(List.of("a", "b")));
    }

    @Test
    void progressEventsGoOutInOrderAndEndAtOneHundred() {
        var csv = new StringBuilder("phone,first_name\n");
        for (int i = 0; i < 2500; i++) {
            csv.append(mobile()).append(",Row").append(i).append('\n');
        }
        try (var live = EventClient.signedIn("ws", org.accessToken())) {
            Feeds.subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"import_progress\"}", "import_progress");
            String job = upload(org, csv.toString().getBytes(StandardCharsets.UTF_8), Map.of());
            progressEventsOf(job);
            // a progress bar in the portal follows the same events on the live socket
            live.await(
                    "the import's last progress on the socket",
                    Feeds.WAIT,
                    message -> "import_progress".equals(EventClient.text(message, "type"))
                            && job.equals(EventClient.text(EventClient.payload(message), "jobId"))
                            && "completed".equals(EventClient.text(EventClient.payload(message), "status")));
        }
    }

    /**
     * A file of several megabytes is stored as chunks of one megabyte while the upload is read, rows crossing a
     * chunk's end are read whole, and the chunks are gone once the job is done.
     */
    @Test
    void aFileOfSeveralChunksIsStoredAsItArrivesAndImportedWhole() {
        var fresh = Api.newOrganization(); // every number new to it
        String notes = "n".repeat(240);
        var csv = new StringBuilder("phone,first_name,notes\n");
        int rows = 0;
        while (csv.length() < 3 * 1024 * 1024 + 12_345) {
            rows++;
            csv.append("+49151")
                    .append(20_000_000 + rows)
                    .append(",Chunk")
                    .append(rows)
                    .append(',')
                    .append(notes);
            csv.append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        String job = upload(fresh, bytes, Map.of());
        var done = finished(fresh, job);
        assertEquals(rows, done.getInt("data.results.totalRows"), done.prettify());
        assertEquals(rows, done.getInt("data.results.imported"), done.prettify());
        assertEquals(bytes.length, done.getLong("data.fileSize"));
        assertEquals(
                rows,
                Database.number(
                        "select count(*) from contacts where tenant_id = cast(? as uuid) and first_name like 'Chunk%'"
                                + " and notes = ?",
                        fresh.id(), notes));
        assertEquals(
                0,
                Database.number("select count(*) from contact_import_chunks where import_id = cast(? as uuid)", job));
    }

    /**
     * Two batches are written at once; when one fails, the one beside it is not committed, the checkpoint stays where
     * the rows are in, and the resumed run writes the rest once. The failure is a trigger refusing one row of the
     * second batch (rows 1,001–2,000), so the third (2,001–3,000) is written beside a batch that fails.
     */
    @Test
    void aFailedBatchTakesTheBatchBesideItBackAndTheRunResumesFromTheCheckpoint() throws Exception {
        var fresh = Api.newOrganization();
        var csv = new StringBuilder("phone,first_name\n");
        for (int i = 1; i <= 3000; i++) {
            csv.append("+49151").append(30_000_000 + i).append(',').append(i == 1500 ? "Boom" : "Row" + i);
            csv.append('\n');
        }
        String trigger = "it_refuse_" + fresh.id().replace("-", "");
        try (var connection = Database.connect();
                var statement = connection.createStatement()) {
            statement.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin"
                    + " if new.tenant_id = '" + fresh.id() + "' and new.first_name = 'Boom' then"
                    + " raise exception 'refused by the test'; end if; return new; end $$");
            statement.execute("create trigger " + trigger + " before insert on contacts for each row execute function "
                    + trigger + "()");
        }
        String job;
        try {
            job = upload(fresh, csv.toString().getBytes(StandardCharsets.UTF_8), Map.of());
            long deadline = System.currentTimeMillis() + 60_000;
            Map<String, Object> stalled;
            do {
                if (System.currentTimeMillis() > deadline) {
                    fail("import " + job + " did not stop at the refused row");
                }
                Thread.sleep(100);
                stalled = Database.rows(
                                "select status, failure, rows_done from contact_imports where id = cast(? as uuid)",
                                job)
                        .get(0);
            } while (String.valueOf(stalled.get("failure")).isEmpty());
            assertEquals("processing", stalled.get("status"), stalled.toString()); // to be resumed, not failed
            assertEquals(1000L, ((Number) stalled.get("rows_done")).longValue(), stalled.toString());
            assertEquals(
                    1000,
                    Database.number(
                            "select count(*) from contacts where tenant_id = cast(? as uuid) and phone <= ?",
                            fresh.id(),
                            "+4915130001000"));
            assertEquals(
                    0,
                    Database.number(
                            "select count(*) from contacts where tenant_id = cast(? as uuid) and phone > ?",
                            fresh.id(),
                            "+4915130001000"),
                    "a batch after the failed one was committed");
        } finally {
            try (var connection = Database.connect();
                    var statement = connection.createStatement()) {
                statement.execute("drop trigger if exists " + trigger + " on contacts");
                statement.execute("drop function if exists " + trigger + "()");
            }
        }
        // as a run whose node died: the next poll hands it to a new run
        Database.rows(
                "update contact_imports set heartbeat_at = now() - interval '1 hour' where id = cast(? as uuid)"
                        + " returning id",
                job);
        var done = finished(fresh, job);
        assertEquals("completed", done.getString("data.status"), done.prettify());
        assertEquals(3000, done.getInt("data.results.imported"), done.prettify());
        assertEquals(
                3000, Database.number("select count(*) from contacts where tenant_id = cast(? as uuid)", fresh.id()));
    }

    private void progressEventsOf(String job) {
        var done = finished(org, job);
        assertEquals(2500, done.getInt("data.results.totalRows"));
        assertEquals(2500, done.getInt("data.results.imported") + done.getInt("data.results.duplicates"));
        var events = Database.rows(
                "select cast(payload as text) as payload from events where type = 'import_progress'"
                        + " and payload->>'jobId' = ? order by tx, id",
                job);
        var progress = new ArrayList<Integer>();
        for (var event : events) {
            progress.add(JsonPath.from((String) event.get("payload")).getInt("progress"));
        }
        assertTrue(progress.size() >= 4, progress.toString()); // three batches and the end
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "out of order: " + progress);
        }
        assertEquals(100, progress.get(progress.size() - 1), progress.toString());
        assertTrue(progress.subList(0, progress.size() - 1).stream().allMatch(p -> p < 100), progress.toString());
        var last = JsonPath.from((String) events.get(events.size() - 1).get("payload"));
        assertEquals("completed", last.getString("status"));
        assertEquals(2500, last.getInt("processed"));
        assertEquals(
                org.id(),
                Database.rows(
                                "select cast(tenant_id as text) as t from events where type ="
                                        + " 'import_progress' and payload->>'jobId' = ? limit 1",
                                job)
                        .get(0)
                        .get("t"));
    }

    @Test
    void uploadsThatCannotBeImportedAre400NamingTheFieldAnd413WhenTooLarge() throws Exception {
        multipart(org)
                .multiPart("file", "e.csv", new byte[0], "text/csv")
                .post("/v1/uploads/contacts")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("file"));
        multipart(org)
                .multiPart("listName", "x")
                .post("/v1/uploads/contacts")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("file"));
        multipart(org)
                .multiPart("file", "n.csv", "name,email\na,b\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/v1/uploads/contacts")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("file"))
                .body("error", containsString("phone"));
        byte[] ok = ("phone\n" + mobile() + "\n").getBytes(StandardCharsets.UTF_8);
        for (var bad : List.of(
                Map.of("encoding", "klingon"),
                Map.of("delimiter", ";;"),
                Map.of("skipDuplicates", "maybe"),
                Map.of("mapping", "[1]"))) {
            var request = multipart(org).multiPart("file", "c.csv", ok, "text/csv");
            bad.forEach(request::multiPart);
            request.post("/v1/uploads/contacts")
                    .then()
                    .statusCode(400)
                    .body("details[0].field", equalTo(bad.keySet().iterator().next()));
        }
        String theirs = other.asAdmin()
                .body(Map.of("name", Api.unique("Theirs")))
                .post("/v1/contact-lists")
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        multipart(org)
                .multiPart("file", "c.csv", ok, "text/csv")
                .multiPart("listId", theirs)
                .post("/v1/uploads/contacts")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("listId"));

        // 50 MB: refused from its Content-Length, before the body is read
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\nphone\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[50 * 1024 * 1024]);
        body.writeBytes("\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
        var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var response = client.send(
                HttpRequest.newBuilder(URI.create(TestServer.get().baseUri() + "v1/uploads/contacts"))
                        .header("Authorization", "Bearer " + org.accessToken())
                        .header("Content-Type", "multipart/form-data; boundary=b0undary")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("payload_too_large"), response.body());
    }

    /**
     * Without a Content-Length (sent chunked) a file over the upload limit is 413 once the limit is read past, and
     * nothing of it stays: no job, no stored chunk. A body that is not multipart at all is 400.
     */
    @Test
    void aChunkedUploadOverTheLimitIs413AndLeavesNothingAndABrokenBodyIs400() throws Exception {
        var fresh = Api.newOrganization();
        byte[] head = ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\nphone\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long size = 25L * 1024 * 1024; // over the default 20 MB
        var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var response = client.send(
                HttpRequest.newBuilder(URI.create(TestServer.get().baseUri() + "v1/uploads/contacts"))
                        .header("Authorization", "Bearer " + fresh.accessToken())
                        .header("Content-Type", "multipart/form-data; boundary=b0undary")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                                new java.io.ByteArrayInputStream(head), new java.io.InputStream() {
                                    long left = size;

                                    @Override
                                    public int read() {
                                        return left-- > 0 ? '1' : -1;
                                    }

                                    @Override
                                    public int read(byte[] b, int off, int len) {
                                        if (left <= 0) {
                                            return -1;
                                        }
                                        int n = (int) Math.min(len, left);
                                        java.util.Arrays.fill(b, off, off + n, (byte) '1');
                                        left -= n;
                                        return n;
                                    }
                                })))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("payload_too_large"), response.body());
        assertEquals(
                0,
                Database.number("select count(*) from contact_imports where tenant_id = cast(? as uuid)", fresh.id()));
        assertEquals(
                0,
                Database.number(
                        "select count(*) from contact_import_chunks where tenant_id = cast(? as uuid)", fresh.id()));

        var broken = client.send(
                HttpRequest.newBuilder(URI.create(TestServer.get().baseUri() + "v1/uploads/contacts"))
                        .header("Authorization", "Bearer " + fresh.accessToken())
                        .header("Content-Type", "multipart/form-data; boundary=b0undary")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("this is no multipart body"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, broken.statusCode(), broken.body());
        assertTrue(broken.body().contains("\"success\":false"), broken.body());
    }

    @Test
    void aFileSavedAsWindows1252IsDetectedAndItsLettersKept() {
        String phone = mobile();
        byte[] cp1252 = ("Vorname;Nachname;Telefon\n" + "J\u00fcrgen;M\u00fcller \u20ac;" + phone + "\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        String job = upload(
                org,
                cp1252,
                Map.of("mapping", "{\"Vorname\":\"firstName\",\"Nachname\":\"lastName\",\"Telefon\":\"phone\"}"));
        var done = finished(org, job);
        assertEquals("completed", done.getString("data.status"), done.prettify());
        assertEquals(1, done.getInt("data.results.imported"), done.prettify());
        assertEquals(0, done.getInt("data.results.invalidContacts"), done.prettify());
        org.asAdmin()
                .queryParam("search", phone.substring(3))
                .get("/v1/contacts")
                .then()
                .body("data", hasSize(1))
                .body("data[0].firstName", equalTo("J\u00fcrgen"))
                .body("data[0].lastName", equalTo("M\u00fcller \u20ac"));
    }

    @Test
    void theTemplateNamesTheGuidesColumns() {
        org.asAdmin()
                .queryParam("format", "csv")
                .get("/v1/uploads/template")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .body(equalTo("first_name,last_name,phone,email,company,title,address,city,state,zip\r\n"));
        org.asAdmin()
                .queryParam("format", "xlsx")
                .get("/v1/uploads/template")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("format"));
    }
}
