package com.vocelio.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Http;
import com.vocelio.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Path;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With OpenAPI on ({@code VOCELIO_METRICS_ENABLED}), {@code /openapi} documents every JAX-RS resource method — found
 * here by reflection over the resource classes, so a new one cannot be forgotten — with the security schemes and the
 * error shape, examples from the portal contract on its main operations, and {@code /openapi/ui} serves Swagger UI
 * from its webjar.
 */
class OpenApiIT {

    private static final String TOKEN = TestServer.METRICS_TOKEN;
    private static PayaraMicroProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = TestServer.get().configuredNode();
    }

    @Test
    void everyResourceMethodIsDocumented() {
        JsonObject paths = document().getJsonObject("paths");
        var documented = new TreeSet<String>();
        paths.forEach((path, item) -> item.asJsonObject()
                .keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + normalized(path))));
        var missing = new TreeSet<String>();
        for (Class<?> resource : BadInputIT.resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String http = BadInputIT.httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = normalized("/" + base + (sub == null ? "" : "/" + sub.value()));
                if (!documented.contains(http + " " + template)) {
                    missing.add(http + " " + template + " (" + resource.getSimpleName() + "." + method.getName() + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " not documented: " + missing + "\ndocumented: " + documented);
    }

    @Test
    void theDocumentNamesTheSecuritySchemesAndTheErrorShape() {
        JsonObject document = document();
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals("bearer", schemes.getJsonObject("bearer").getString("scheme"));
        assertEquals("JWT", schemes.getJsonObject("bearer").getString("bearerFormat"));
        assertTrue(document.getJsonObject("components").getJsonObject("schemas").containsKey("Error"));
        var login = document.getJsonObject("paths").getJsonObject("/auth/login").getJsonObject("post");
        assertTrue(login.get("security") == null, "signing in needs no token: " + login);
        var health = document.getJsonObject("paths").getJsonObject("/health").getJsonObject("get");
        assertTrue(health.get("security") == null, "health needs no token: " + health);
        // same method name as AuthResource.register, but registering an agent needs a token
        var agent = document.getJsonObject("paths").entrySet().stream()
                .filter(path -> normalized(path.getKey()).equals("/{api}agents/register"))
                .map(path -> path.getValue().asJsonObject().getJsonObject("post"))
                .findFirst()
                .orElseThrow();
        assertTrue(agent.containsKey("security"), "registering an agent needs a token: " + agent);
        var me = document.getJsonObject("paths").getJsonObject("/auth/me").getJsonObject("get");
        assertEquals(
                "{\"bearer\":[]}", me.getJsonArray("security").getJsonObject(0).toString(), me.toString());
        assertEquals(
                "#/components/schemas/Error",
                me.getJsonObject("responses")
                        .getJsonObject("default")
                        .getJsonObject("content")
                        .getJsonObject("application/json")
                        .getJsonObject("schema")
                        .getString("$ref"),
                me.toString());
        assertTrue(login.getJsonObject("responses").containsKey("default"), login.toString());
    }

    /** The portal's main operations, with the key of the contract's answer (null: request example only). */
    private static final Map<String, String> EXAMPLES = new java.util.LinkedHashMap<>();

    static {
        EXAMPLES.put("get /{api}departments", "departments");
        EXAMPLES.put("post /{api}departments", "department");
        EXAMPLES.put("post /transfer/request", "transfer_id");
        EXAMPLES.put("get /transfer/{transfer_id}", "transfer_id");
        EXAMPLES.put("post /{api}agents/register", "agent");
        EXAMPLES.put("get /{api}agents", "agents");
        EXAMPLES.put("post /{api}calls/make", "call_sid");
        EXAMPLES.put("get /api/contacts/lists", "contactCount"); // a bare array of lists
        EXAMPLES.put("get /tiers", "tiers");
        EXAMPLES.put("post /{stream}synthesize", null);
        EXAMPLES.put("post /auth/login-2fa", "access_token");
    }

    @Test
    void theMainOperationsHaveTheContractsExamples() {
        JsonObject paths = document().getJsonObject("paths");
        var normalizedPaths = new java.util.HashMap<String, JsonObject>();
        paths.forEach((path, item) -> normalizedPaths.put(normalized(path), item.asJsonObject()));
        var problems = new java.util.ArrayList<String>();
        EXAMPLES.forEach((operation, wrapper) -> {
            String[] at = operation.split(" ");
            JsonObject item = normalizedPaths.get(at[1]);
            JsonObject documented = item == null ? null : item.getJsonObject(at[0]);
            if (documented == null) {
                problems.add(operation + ": not in the document");
                return;
            }
            var requests = documented.containsKey("requestBody")
                    ? examples(documented.getJsonObject("requestBody"))
                    : java.util.List.<JsonValue>of();
            var answers = new java.util.ArrayList<JsonValue>();
            documented.getJsonObject("responses").forEach((status, answer) -> {
                if (status.startsWith("2")) {
                    answers.addAll(examples(answer.asJsonObject()));
                }
            });
            if (operation.startsWith("post ") && requests.isEmpty()) {
                problems.add(operation + ": no request example in " + documented);
            }
            if (wrapper != null && !answers.stream().anyMatch(example -> carries(example, wrapper))) {
                problems.add(operation + ": no answer example with \"" + wrapper + "\" in " + documented);
            }
            // the error shape's example on the default answer
            var errors = examples(documented.getJsonObject("responses").getJsonObject("default"));
            if (errors.size() != 1 || !carries(errors.get(0), "error")) {
                problems.add(operation + ": the default answer has no error example: " + errors);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** An example of a body, as the JSON document writes it: a JSON value, not a string holding one. */
    private static java.util.List<JsonValue> examples(JsonObject body) {
        var found = new java.util.ArrayList<JsonValue>();
        if (body != null && body.containsKey("content")) {
            body.getJsonObject("content").values().forEach(media -> {
                JsonValue example = media.asJsonObject().get("example");
                if (example != null) {
                    found.add(example);
                }
            });
        }
        return found;
    }

    private static boolean carries(JsonValue example, String key) {
        return switch (example.getValueType()) {
            case OBJECT -> example.asJsonObject().containsKey(key);
            case ARRAY ->
                !example.asJsonArray().isEmpty()
                        && carries(example.asJsonArray().get(0), key);
            default -> false;
        };
    }

    @Test
    void swaggerUiIsServedFromItsWebjarWithoutTheToken() {
        var page = Http.raw(node.baseUri(), "GET", "/openapi/ui/", null, "Accept: text/html");
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.body().contains("swagger-ui-bundle.js"), page.body());
        var script = Http.raw(node.baseUri(), "GET", "/openapi/ui/swagger-ui-bundle.js", null, "Accept: */*");
        assertEquals(200, script.status(), script.toString());
        assertTrue(
                script.body().length() > 100_000, "the bundle: " + script.body().length());
        assertEquals(
                404,
                Http.raw(node.baseUri(), "GET", "/openapi/ui/pom.properties", null)
                        .status());
        // a way out of the browser's folder is no longer under it: the metrics token guards it
        assertEquals(
                401,
                Http.raw(node.baseUri(), "GET", "/openapi/ui/../pom.properties", null)
                        .status());
        // and an encoded slash is no way out: the path guard refuses it before anything runs
        assertEquals(
                400,
                Http.raw(node.baseUri(), "GET", "/openapi/ui/..%2Fpom.properties", null)
                        .status());
        // the document itself still needs the token
        assertEquals(401, Http.raw(node.baseUri(), "GET", "/openapi", null).status());
        // and where OpenAPI is off, there is no browser either
        assertEquals(404, Http.send("GET", "/openapi/ui/", null, null).status());
    }

    private static JsonObject document() {
        var reply = Http.raw(
                node.baseUri(), "GET", "/openapi", null, "Authorization: Bearer " + TOKEN, "Accept: application/json");
        assertEquals(200, reply.status(), reply.toString());
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        }
    }

    /** {@code /a//{id: [0-9]+}/} → {@code /a/{id}}: a template's regular expressions and extra slashes go. */
    private static String normalized(String path) {
        String plain = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return plain.length() > 1 ? plain.replaceAll("/$", "") : plain;
    }
}
