package com.vocelio.ear;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.Directories;
import com.vocelio.launcher.EmbeddedDatabase;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The EAR as a customer installs it: a new domain on the full Payara Server, the database settings in the server's
 * environment, {@code asadmin deploy vocelio.ear}, then real HTTP against a real PostgreSQL, signed in through the
 * application's own sign-up (so MicroProfile JWT verifies its tokens there too).
 */
class EarDeploymentIT {

    static EmbeddedDatabase database;
    static PayaraDomain payara;
    static RequestSpecification api;
    static String token;

    @RegisterExtension
    static final ServerLogOnFailure serverLog = new ServerLogOnFailure(() -> payara);

    @BeforeAll
    static void deployEar() throws Exception {
        long started = System.nanoTime();
        var ear = Path.of(System.getProperty("vocelio.it.ear"));
        assertLibrariesPackaged(ear);
        var work = Path.of(System.getProperty("vocelio.it.work", "target/it"));
        Directories.deleteRecursively(work.resolve("postgres"));
        database = EmbeddedDatabase.start(work.resolve("postgres"));
        payara = PayaraDomain.create(
                Path.of(System.getProperty("vocelio.it.payara-home")),
                work,
                Integer.getInteger("vocelio.it.admin-port"),
                System.getProperty("vocelio.it.domain-properties"));
        payara.start(database.settings().asEnvironment());
        payara.deploy(ear);
        api = new RequestSpecBuilder()
                .setBaseUri("http://localhost:" + Integer.getInteger("vocelio.it.http-port"))
                .setConfig(RestAssuredConfig.config()
                        .httpClient(HttpClientConfig.httpClientConfig()
                                .setParam("http.connection.timeout", 5_000)
                                .setParam("http.socket.timeout", 30_000)))
                .build();
        token = given(api)
                .contentType(ContentType.JSON)
                .body("{\"email\":\"admin@ear.example.com\",\"password\":\"correct horse battery\","
                        + "\"organization_name\":\"EAR\",\"subdomain\":\"ear\"}")
                .post("/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .path("access_token");
        api = new RequestSpecBuilder()
                .addRequestSpecification(api)
                .addHeader("Authorization", "Bearer " + token)
                .build();
        System.out.printf("EAR deployed on Payara Server in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (payara != null) {
                payara.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void healthIsTheApplicationsAndSeesTheDatabase() {
        given(api)
                .get("/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("healthy"))
                .body("services.database.status", equalTo("healthy"));
    }

    @Test
    void aChangeReachesAWebSocketSubscriberThroughTheOutbox() throws Exception {
        var received = new LinkedBlockingQueue<String>();
        var socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://localhost:" + Integer.getInteger("vocelio.it.http-port") + "/ws?access_token="
                                + token),
                        new WebSocket.Listener() {
                            final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    received.add(text.toString());
                                    text.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"type\":\"subscribe\",\"channel\":\"departments\"}", true);
            awaitMessage(received, "\"subscribed\"");
            given(api)
                    .contentType(ContentType.JSON)
                    .body("{\"name\":\"Live\",\"phone_number\":\"+15551230099\"}")
                    .post("/api/departments")
                    .then()
                    .statusCode(201);
            String event = awaitMessage(received, "\"department_changed\"");
            assertTrue(event.contains("\"name\":\"Live\""), event);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private static String awaitMessage(LinkedBlockingQueue<String> received, String containing) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && message.contains(containing)) {
                return message;
            }
        }
        throw new AssertionError("No message with " + containing + " within 5 s");
    }

    @Test
    void listsDepartments() {
        given(api)
                .get("/api/departments")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("departments", notNullValue());
    }

    @Test
    void createdDepartmentIsListed() {
        String id = given(api)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Billing\",\"phone_number\":\"+15551230003\"}")
                .post("/api/departments")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .extract()
                .path("department.id");

        given(api).get("/api/departments").then().statusCode(200).body("departments.id", hasItem(id));
    }

    @Test
    void aPathTheContainerCannotTakeIsABadPathErrorAndTheAdminListenerIsLeftAlone() throws IOException {
        // the path guard reaches into the full server's HTTP listener as it does into Payara Micro's
        String app = raw(Integer.getInteger("vocelio.it.http-port"), "/agents/%zz");
        assertTrue(app.startsWith("HTTP/1.1 400 "), app);
        assertTrue(app.contains("\"code\":\"bad_path\""), app);
        assertTrue(app.toLowerCase(java.util.Locale.ROOT).contains("access-control-allow-origin: *"), app);
        String nul = raw(Integer.getInteger("vocelio.it.http-port"), "/api/departments/%00");
        assertTrue(nul.startsWith("HTTP/1.1 400 ") && nul.contains("\"code\":\"bad_path\""), nul);
        // the admin listener serves the server's own virtual server, not the application's: no guard there
        String admin = raw(Integer.getInteger("vocelio.it.admin-port"), "/%zz");
        assertFalse(admin.contains("bad_path"), admin);
    }

    /** {@code GET target} sent byte for byte (no client library sends a malformed escape), the whole answer. */
    private static String raw(int port, String target) throws IOException {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nOrigin: https://portal.example\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Without them Payara only reports a failed JNDI lookup. They go missing when Maven finds the EJB module's
     * installed POM invalid (e.g. a stale parent POM in the local repository) and silently drops its dependencies.
     */
    private static void assertLibrariesPackaged(Path ear) throws IOException {
        try (var zip = new ZipFile(ear.toFile())) {
            for (String library : List.of("liquibase-core", "postgresql")) {
                assertTrue(
                        zip.stream().anyMatch(e -> e.getName().matches("lib/.*" + library + "-[0-9.]+\\.jar")),
                        ear + " lacks lib/*" + library + "*.jar: look for 'The POM for com.vocelio:vocelio-ejb"
                                + " is invalid' in the build output (install the parent POM)");
            }
            // the console's Excel export: POI is the web module's alone, so the skinny war keeps it and what only it
            // needs, while the libraries it shares with the EJB module come from lib/
            var war = new java.util.ArrayList<String>();
            try (var in = new java.util.zip.ZipInputStream(zip.getInputStream(zip.getEntry("vocelio-web.war")))) {
                for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    war.add(entry.getName());
                }
            }
            for (String library : List.of("poi", "poi-ooxml", "poi-ooxml-lite", "xmlbeans", "commons-compress")) {
                assertTrue(
                        war.stream().anyMatch(name -> name.matches("WEB-INF/lib/" + library + "-[0-9.]+\\.jar")),
                        "vocelio-web.war lacks WEB-INF/lib/" + library + "-*.jar: " + war);
            }
            for (String library : List.of("commons-io", "commons-collections4")) {
                assertTrue(
                        zip.stream().anyMatch(e -> e.getName().matches("lib/.*" + library + "-[0-9.]+\\.jar")),
                        ear + " lacks lib/*" + library + "*.jar, which POI needs");
            }
        }
    }
}
