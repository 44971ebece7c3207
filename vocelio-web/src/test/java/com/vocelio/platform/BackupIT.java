package com.vocelio.platform;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.id;
import static com.vocelio.testing.EventClient.type;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.Backups;
import com.vocelio.launcher.Directories;
import com.vocelio.launcher.EmbeddedDatabase;
import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Feeds;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./vocelio backup} of the running application's database, restored into a new one: an application on the
 * restored database serves the same departments, agents, transfers and events (a client resumes from an event id it
 * had), takes up the queue where it stood, and numbers new events after the restored ones.
 */
class BackupIT {

    private static final Path WORK = Path.of(System.getProperty("vocelio.it.work", "target/it"));
    private static final Path SCHEMA =
            Path.of(System.getProperty("vocelio.it.home", "..")).resolve("src/main");

    @Test
    void aRestoredDatabaseServesWhatWasBackedUpAndContinuesIt() throws Exception {
        var routing = Routing.newOrganization();
        String queue = routing.department(Map.of());
        // an offer that outlasts the test: both databases' sweeps would time it out, each at its own moment
        String staffed = routing.department(Map.of("reservation_timeout_seconds", 600));
        String agent = routing.agent(staffed);
        String waiting = routing.request(queue);
        String offered = routing.request(staffed);
        long firstEvent =
                Database.number("select min(id) from events where tenant_id = cast(? as uuid)", routing.tenantId());
        long lastEvent = Database.number("select max(id) from events");

        Path file = WORK.resolve("backup-it.zip");
        Files.deleteIfExists(file);
        var taken = Backups.backup(TestServer.get().databaseSettings(), file); // while the application runs
        assertTrue(taken.rows() > 0 && taken.changesets() > 0, taken.toString());

        Path data = WORK.resolve("restored-postgres");
        Directories.deleteRecursively(data);
        try (var restored = EmbeddedDatabase.start(data, 0, true)) {
            var loaded = Backups.restore(restored.settings(), file, SCHEMA);
            assertEquals(taken.rows(), loaded.rows());
            var again =
                    assertThrows(IllegalStateException.class, () -> Backups.restore(restored.settings(), file, SCHEMA));
            assertTrue(again.getMessage().contains("already has a Vocelio schema"), again.getMessage());

            PayaraMicroProcess node = TestServer.get()
                    .startAnotherNode(
                            freePort(), "payara-restored", restored.settings().asEnvironment());
            try (node) {
                var onNode = given().baseUri(node.baseUri().toString())
                        .accept(ContentType.JSON)
                        .contentType(ContentType.JSON)
                        .header("Authorization", "Bearer " + routing.token()); // the signing key was restored too
                assertServesTheSame(onNode, routing, List.of(queue, staffed), agent, waiting, offered);

                try (var feed = EventClient.open(
                        node.baseUri(),
                        "ws/transfers?access_token=" + routing.token() + "&since=" + (firstEvent - 1))) {
                    feed.await("authenticated", Feeds.WAIT, type("authenticated"));
                    var replayed = feed.await(
                            "the restored transfer_queued",
                            Feeds.WAIT,
                            event("transfer_queued", "transfer_id", waiting));
                    assertTrue(id(replayed) >= firstEvent && id(replayed) <= lastEvent, replayed.toString());

                    var next = onNode.body(Map.of("call_id", Routing.callId(), "target_department", queue))
                            .post("/transfer/request")
                            .then()
                            .statusCode(201)
                            .extract()
                            .jsonPath();
                    assertEquals(2, next.getInt("queue_position"), "the restored queue counts the restored caller");
                    var live = feed.await(
                            "the new transfer's event",
                            Feeds.WAIT,
                            event("transfer_queued", "transfer_id", next.getString("transfer_id")));
                    assertTrue(id(live) > lastEvent, "event id " + id(live) + " reuses a restored one");
                }
            }
        }
    }

    @Test
    void aFileThatIsNoBackupIsRefusedAndNothingIsWritten() throws Exception {
        Path file = WORK.resolve("not-a-backup.zip");
        Files.writeString(file, "hello");
        Path data = WORK.resolve("refused-postgres");
        Directories.deleteRecursively(data);
        try (var fresh = EmbeddedDatabase.start(data, 0, true)) {
            assertThrows(Exception.class, () -> Backups.restore(fresh.settings(), file, SCHEMA));
            var settings = fresh.settings();
            try (var connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
                assertEquals(
                        0, Database.number(connection, "select count(*) from pg_tables where schemaname = 'public'"));
            }
        }
    }

    private static void assertServesTheSame(
            RequestSpecification onNode,
            Routing routing,
            List<String> departments,
            String agent,
            String waiting,
            String offered) {
        List<String> here = routing.admin()
                .get("/api/departments")
                .then()
                .statusCode(200)
                .extract()
                .path("departments.id");
        List<String> there =
                onNode.get("/api/departments").then().statusCode(200).extract().path("departments.id");
        assertEquals(here, there);
        assertTrue(there.containsAll(departments), there.toString());
        assertEquals(
                routing.admin()
                        .get("/agents/" + agent)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                onNode.get("/agents/" + agent).then().statusCode(200).extract().asString());
        for (String transfer : List.of(waiting, offered)) {
            assertEquals(
                    routing.admin()
                            .get("/transfer/" + transfer)
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString(),
                    onNode.get("/transfer/" + transfer)
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
        }
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
