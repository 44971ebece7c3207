package com.vocelio.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.vocelio.identity.rest.VocelioApplication;
import com.vocelio.platform.rest.BadPaths.Problem;
import com.vocelio.testing.Api;
import com.vocelio.testing.Http;
import com.vocelio.testing.Logs;
import com.vocelio.testing.TestServer;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint of the application, found by reflection over the JAX-RS resource classes (a new endpoint joins by
 * itself), sent hostile input: NUL and control characters, invalid UTF-8, malformed %-escapes, wrong types, text
 * after the JSON, an array for an object, deep nesting, huge numbers, negative paging and traversal ids — in path
 * parameters, query parameters and each field of the JSON body. Every answer is a 4xx in the one JSON error shape;
 * none is a 5xx.
 */
public class BadInputIT {

    /** Hostile requests in flight at once. */
    private static final int SENDERS = 3;

    private static final Pattern TEMPLATE = Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*)(\\s*:[^}]*)?}");
    private static String admin;

    /** One resource method: HTTP method, path template, query parameter names, body type (null for none). */
    record Endpoint(String method, String template, Map<String, Class<?>> query, Class<?> body, boolean stream) {

        boolean hasPathParameters() {
            return TEMPLATE.matcher(template).find();
        }

        String path(String parameterValue) {
            return TEMPLATE.matcher(template).replaceAll(parameterValue.replace("$", "\\$"));
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** A hostile request: where it differs from a plain one. */
    record Case(String what, String target, byte[] body) {}

    @BeforeAll
    static void signIn() {
        admin = Api.newOrganization().accessToken();
    }

    @Test
    void theEndpointListIsDerivedFromTheResources() {
        var endpoints = endpoints();
        var names = endpoints.stream().map(Endpoint::toString).toList();
        // a few from each feature: if these are not found, the scan is broken and the suite would pass vacuously
        for (String known : List.of(
                "POST /auth/login",
                "PUT /api/departments/{id}",
                "POST /transfer/{transfer_id}/accept",
                "GET /agents",
                "PUT /notifications/{id}/read",
                "GET /api/calls/logs")) {
            assertTrue(names.contains(known), known + " is not among " + names);
        }
        assertTrue(endpoints.size() > 50, names.toString());
    }

    /**
     * Every endpoint's hostile requests, each judged by a test of its own. The requests go out ahead of their tests,
     * {@link #SENDERS} at a time (one at a time left the server's second core idle while each waited for its answer);
     * each test waits for its own answer, and a request that could not be sent fails its test.
     */
    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesHostileInputWithA4xxJsonError() {
        var senders = Executors.newFixedThreadPool(SENDERS);
        var tests = new ArrayList<DynamicTest>();
        for (var endpoint : endpoints()) {
            for (var c : cases(endpoint)) {
                var reply = CompletableFuture.supplyAsync(() -> send(endpoint, c), senders);
                tests.add(
                        DynamicTest.dynamicTest(endpoint + " ← " + c.what(), () -> refused(endpoint, c, reply.join())));
            }
        }
        senders.shutdown(); // what is queued still goes out
        return tests.stream();
    }

    @Test
    void aPathTheContainerCannotTakeIsA400JsonErrorNamingTheProblem() {
        // Payara decodes and normalizes the path before it chooses an application and would answer these itself: a
        // malformed %-escape with an empty 200 (and a stack trace in the log), a NUL, a backslash or a climb above the
        // root with a bodiless 400. PathGuard hands them to the application's answer instead, which leaves through
        // the servlet filters like any other: CORS and security headers included, with or without a token.
        var log = TestServer.get().log();
        assertFalse(
                Logs.linesWith(log, "Path guard installed on http-listener").isEmpty(), "the guard is not installed");
        int before = Logs.lines(log).size();
        var cases = List.of(
                Map.entry("/agents/%zz", Problem.MALFORMED_ESCAPE),
                Map.entry("/agents/%2", Problem.MALFORMED_ESCAPE),
                Map.entry("/api/departments/x%g0", Problem.MALFORMED_ESCAPE),
                Map.entry("/auth/login%", Problem.MALFORMED_ESCAPE),
                Map.entry("/console/%zz", Problem.MALFORMED_ESCAPE),
                Map.entry("/agents/a%00b", Problem.NUL),
                Map.entry("/api/departments/%00", Problem.NUL),
                Map.entry("/agents/%5C", Problem.BACKSLASH),
                Map.entry("/agents/%5c", Problem.BACKSLASH),
                Map.entry("/agents/a\\b", Problem.BACKSLASH),
                Map.entry("/agents/a%2Fb", Problem.ENCODED_SLASH),
                Map.entry("/transfer/..%2F..%2Fetc/accept", Problem.ENCODED_SLASH),
                Map.entry("/agents/%ff", Problem.INVALID_UTF8),
                Map.entry("/agents/%c3%28", Problem.INVALID_UTF8),
                Map.entry("/../etc/passwd", Problem.ABOVE_ROOT),
                Map.entry("/agents/%2e%2e/%2e%2e/x", Problem.ABOVE_ROOT));
        String origin = "Origin: https://portal.example";
        for (var c : cases) {
            String target = c.getKey();
            Problem problem = c.getValue();
            badPath(target, problem, true, Http.raw("GET", target, null, origin));
            badPath(target, problem, false, Http.raw("GET", target, null, "Authorization: Bearer " + admin));
            byte[] body = "{\"email\":\"a@b.c\"}".getBytes(StandardCharsets.UTF_8);
            badPath(target, problem, true, Http.raw("POST", target, body, "Content-Type: application/json", origin));
            badPath(target, problem, false, Http.raw("DELETE", target, null, "Authorization: Bearer " + admin));
        }
        // Grizzly's WebSocket filter reads the path of an upgrade before the container does: guarded too
        badPath(
                "/ws/events/%zz (upgrade)",
                Problem.MALFORMED_ESCAPE,
                true,
                Http.raw(
                        "GET",
                        "/ws/events/%zz",
                        null,
                        "Upgrade: websocket",
                        "Connection: Upgrade",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                        "Sec-WebSocket-Version: 13",
                        origin));
        var lines = Logs.lines(log);
        var traces = lines.subList(Math.min(before, lines.size()), lines.size()).stream()
                .filter(line -> line.contains("URLDecoder")
                        || line.contains("AS-WEB-CORE-00037")
                        || line.contains("IllegalArgumentException")
                        || line.contains("Path guard could not"))
                .toList();
        assertEquals(List.of(), traces, "a bad path left an exception in the log");
    }

    @Test
    void aPathThatOnlyLooksOddStillReachesTheApplication() {
        // what the container takes is not refused: UTF-8 escapes, spaces, a dot segment that stays under the root
        for (String target :
                List.of("/api/departments/caf%C3%A9", "/api/departments/a%20b", "/api/x/../departments/y")) {
            var reply = Http.raw("GET", target, null, "Authorization: Bearer " + admin);
            assertEquals(404, reply.status(), target + " → " + reply); // no such department, said by the application
            assertTrue(reply.isErrorBody(), target + " → " + reply);
            assertTrue(reply.json().getString("code").endsWith("not_found"), target + " → " + reply);
        }
    }

    private static void badPath(String target, Problem problem, boolean withOrigin, Http.Reply reply) {
        String where = target + " → " + reply;
        assertEquals(400, reply.status(), where);
        assertTrue(reply.isErrorBody(), where);
        assertEquals("bad_path", reply.json().getString("code"), where);
        assertEquals("path", reply.json().getString("details[0].field"), where);
        assertEquals(problem.message(), reply.json().getString("details[0].message"), where);
        assertTrue(reply.json().getString("error").contains(problem.message()), where);
        assertEquals("nosniff", reply.header("x-content-type-options"), where);
        assertEquals("no-referrer", reply.header("referrer-policy"), where);
        assertTrue(reply.header("x-request-id") != null, where);
        assertEquals(withOrigin ? "*" : null, reply.header("access-control-allow-origin"), where);
    }

    @Test
    void aNulIsRefusedAtTheEdgeNamingTheFieldEvenBeforeSignIn() {
        var login = Http.send(
                "POST",
                "/auth/login",
                null,
                "{\"email\":\"a\\u0000@b.c\",\"password\":\"x\"}",
                "X-Forwarded-For",
                Api.newAddress());
        assertEquals(400, login.status(), login.toString());
        assertEquals("email", login.json().getString("details[0].field"), login.toString());
        var skill = Http.send("GET", "/agents?skill=%00", admin, null);
        assertEquals(400, skill.status(), skill.toString());
        assertEquals("skill", skill.json().getString("details[0].field"), skill.toString());
        var nested = Http.send(
                "POST",
                "/agents/register",
                admin,
                "{\"agent_id\":\"a\",\"name\":\"b\",\"department\":\"c\",\"skills\":[\"ok\",\"bad\\u0001\"]}");
        assertEquals(400, nested.status(), nested.toString());
        assertEquals("skills[1]", nested.json().getString("details[0].field"), nested.toString());
        // line breaks and tabs are text, in free-text fields
        var notes = Http.send(
                "POST",
                "/api/departments",
                admin,
                "{\"name\":\"" + Api.unique("Tabs") + "\",\"phone_number\":\"+15551230003\","
                        + "\"description\":\"line one\\nline\\ttwo\"}");
        assertEquals(201, notes.status(), notes.toString());
    }

    @Test
    void aNumberParameterThatIsNoNumberIs400NamingIt() {
        for (String value : List.of("abc", "-1", "99999999999999999999")) {
            var reply = Http.send("GET", "/api/calls/logs?page=" + value, admin, null);
            assertEquals(400, reply.status(), value + " → " + reply);
            assertTrue(reply.json().getString("error").contains("page"), reply.toString());
        }
    }

    @Test
    void containerErrorsAreJsonToo() {
        for (var reply : List.of(
                Http.raw("GET", "/WEB-INF/web.xml", null),
                Http.raw("GET", "/application.wadl", null),
                Http.raw("TRACE", "/api/departments", null),
                Http.raw("TRACE", "/console/", null),
                Http.raw(
                        "DELETE",
                        "/api/departments/x",
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                        "Content-Type: application/json",
                        "Authorization: Bearer " + admin),
                Http.raw("GET", "/agents/%ff", null, "Authorization: Bearer " + admin),
                // an encoded slash inside a segment reaches the application, which finds no such id
                Http.raw("GET", "/agents/a%2Fb", null, "Authorization: Bearer " + admin),
                Http.raw("GET", "/api/departments/%2F", null, "Authorization: Bearer " + admin),
                Http.raw("GET", "/agents/%c3%28", null, "Authorization: Bearer " + admin))) {
            assertTrue(reply.status() >= 400 && reply.status() < 500, reply.toString());
            assertTrue(reply.isErrorBody(), reply.toString());
            assertFalse(reply.body().contains("TRACE /"), "a TRACE must not be echoed: " + reply);
        }
        var options = Http.raw("OPTIONS", "/api/departments", null);
        assertTrue(options.status() < 300, options.toString());
        assertFalse(options.body().contains("wadl"), options.toString());
        assertFalse(String.valueOf(options.header("content-type")).contains("wadl"), options.toString());
    }

    private static Http.Reply send(Endpoint endpoint, Case c) {
        var headers =
                new ArrayList<>(List.of("Authorization: Bearer " + admin, "X-Forwarded-For: " + Api.newAddress()));
        if (c.body() != null) {
            headers.add("Content-Type: application/json");
        }
        return Http.raw(endpoint.method(), c.target(), c.body(), headers.toArray(String[]::new));
    }

    private static void refused(Endpoint endpoint, Case c, Http.Reply reply) {
        String where = endpoint + " ← " + c.what() + " (" + c.target() + "): " + reply;
        if (reply.status() >= 500 || reply.status() < 400) {
            fail(where);
        }
        assertTrue(reply.isErrorBody(), where);
        assertFalse(reply.body().contains("Exception"), where);
    }

    // ---- the hostile cases

    static List<Case> cases(Endpoint endpoint) {
        var cases = new ArrayList<Case>();
        String plain = endpoint.path("x1");
        if (endpoint.hasPathParameters()) {
            for (var value : Map.of(
                            "a control character",
                            "a%01b",
                            "invalid UTF-8 %ff",
                            "%ff",
                            "invalid UTF-8 %c3%28",
                            "%c3%28",
                            "a traversal id",
                            "%2e%2e",
                            "a very long id",
                            "x".repeat(3000))
                    .entrySet()) {
                cases.add(new Case("path: " + value.getKey(), endpoint.path(value.getValue()), null));
            }
        }
        for (var parameter : endpoint.query().entrySet()) {
            String name = parameter.getKey();
            var values = new ArrayList<>(List.of(
                    Map.entry("NUL", "a%00b"),
                    Map.entry("a control character", "%07"),
                    Map.entry("invalid UTF-8", "%ff%fe")));
            if (Number.class.isAssignableFrom(parameter.getValue())
                    || parameter.getValue().isPrimitive()) {
                values.addAll(List.of(
                        Map.entry("negative paging", "-1"),
                        Map.entry("a huge number", "99999999999999999999"),
                        Map.entry("a wrong type", "%7B%7D")));
            }
            for (var value : values) {
                cases.add(new Case(
                        "query " + name + ": " + value.getKey(), plain + "?" + name + "=" + value.getValue(), null));
            }
        }
        if (endpoint.body() != null) {
            for (var body : List.of(
                    Map.entry(
                            "invalid UTF-8 in a string",
                            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}),
                    Map.entry("text after the object", utf8("{} xxx")),
                    Map.entry("a second object", utf8("{}{}")),
                    Map.entry("an array for the object", utf8("[{}]")),
                    Map.entry("a string for the object", utf8("\"text\"")),
                    Map.entry("nesting 100 deep", utf8("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")),
                    Map.entry("a truncated object", utf8("{\"a\":")))) {
                cases.add(new Case("body: " + body.getKey(), plain, body.getValue()));
            }
            for (String field : fields(endpoint.body())) {
                for (var value : List.of(
                        Map.entry("NUL", "\"a\\u0000b\""),
                        Map.entry("a control character", "\"a\\u0007b\""),
                        Map.entry("half a surrogate pair", "\"\\ud800\""),
                        Map.entry("a huge number", "99999999999999999999"),
                        Map.entry("an overflowing number", "1e400"),
                        Map.entry("a number of 2,000 digits", "1" + "0".repeat(2000)),
                        Map.entry("a tiny exponent", "1e-999999999"),
                        Map.entry("a wrong type (object)", "{\"x\":{\"y\":1}}"),
                        Map.entry("deep nesting", "[".repeat(40) + "]".repeat(40)))) {
                    cases.add(new Case(
                            "body " + field + ": " + value.getKey(),
                            plain,
                            ("{\"" + field + "\":" + value.getValue() + "}").getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return cases;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON names of a body type's fields (record components, snake_case as the wire spells them). */
    private static List<String> fields(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        var names = new ArrayList<String>();
        for (var component : type.getRecordComponents()) {
            names.add(
                    component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
        }
        return names;
    }

    // ---- the endpoints, from the resource classes

    static List<Endpoint> endpoints() {
        var endpoints = new LinkedHashMap<String, Endpoint>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = "/"
                        + (base + (sub == null ? "" : "/" + sub.value()))
                                .replaceAll("/+", "/")
                                .replaceAll("^/|/$", "");
                var query = new LinkedHashMap<String, Class<?>>();
                Class<?> body = null;
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.getAnnotations().length == 0) {
                        body = parameter.getType();
                    }
                    QueryParam q = parameter.getAnnotation(QueryParam.class);
                    if (q != null && !q.value().equals("access_token")) {
                        query.put(q.value(), parameter.getType());
                    }
                    if (parameter.isAnnotationPresent(BeanParam.class)) {
                        for (var field : parameter.getType().getDeclaredFields()) {
                            QueryParam f = field.getAnnotation(QueryParam.class);
                            if (f != null) {
                                query.put(f.value(), field.getType());
                            }
                        }
                    }
                }
                var produces = method.getAnnotation(jakarta.ws.rs.Produces.class);
                boolean stream =
                        produces != null && String.join(",", produces.value()).contains("event-stream");
                for (String path : aliases(template)) {
                    var endpoint = new Endpoint(http, path.replaceAll("/+", "/"), query, body, stream);
                    endpoints.putIfAbsent(endpoint.toString(), endpoint);
                }
            }
        }
        var list = new ArrayList<>(endpoints.values());
        list.sort(Comparator.comparing(Endpoint::toString));
        return list;
    }

    /**
     * A path whose template names its literal choices ({@code {api: (?:api/)?}agents}, {@code {move: accept|reject}})
     * answers under each of them: one path per choice.
     */
    static List<String> aliases(String path) {
        var choice = Pattern.compile("\\{\\w+\\s*:\\s*([^}]*)}").matcher(path);
        while (choice.find()) {
            String regex = choice.group(1).strip();
            var optional = Pattern.compile("\\((?:\\?:)?([\\w/-]*)\\)\\?").matcher(regex);
            List<String> literals = optional.matches()
                    ? List.of("", optional.group(1))
                    : regex.matches("[\\w-]+(\\|[\\w-]+)*") ? List.of(regex.split("\\|")) : List.of();
            if (!literals.isEmpty()) {
                var paths = new ArrayList<String>();
                for (String literal : literals) {
                    paths.addAll(aliases(path.substring(0, choice.start()) + literal + path.substring(choice.end())));
                }
                return paths;
            }
        }
        return List.of(path);
    }

    public static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** The concrete classes with {@code @Path} next to {@link VocelioApplication} (a directory or a jar). */
    public static List<Class<?>> resourceClasses() {
        try {
            var location = VocelioApplication.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI();
            var names = new TreeSet<String>();
            var root = java.nio.file.Path.of(location);
            if (Files.isDirectory(root)) {
                try (var files = Files.walk(root)) {
                    files.map(file -> root.relativize(file).toString()).forEach(names::add);
                }
            } else {
                try (var jar = FileSystems.newFileSystem(root)) {
                    try (var files = Files.walk(jar.getPath("/"))) {
                        files.map(file -> file.toString().replaceFirst("^/", ""))
                                .forEach(names::add);
                    }
                }
            }
            var classes = new ArrayList<Class<?>>();
            for (String name : names) {
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                var type = Class.forName(
                        name.replace(".class", "").replace('/', '.').replace('\\', '.'),
                        false,
                        BadInputIT.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class) && !Modifier.isAbstract(type.getModifiers())) {
                    classes.add(type);
                }
            }
            return classes;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot list the resource classes: " + e, e);
        }
    }
}
