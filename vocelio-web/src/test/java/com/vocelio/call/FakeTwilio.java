package com.vocelio.call;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's REST API as far as we use it, on a local port: it checks the Basic auth and the paths the SDK sends,
 * keeps every request's form for the test to read, answers like Twilio (JSON call resources, 204 to a recording's
 * deletion, a recording's bytes), and plays status and recording callbacks back to the application signed with the account's auth token, the way Twilio signs them.
 */
final class FakeTwilio implements AutoCloseable {

    static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
    static final String AUTH_TOKEN = "fake-twilio-auth-token-0123456789";

    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Calls\\.json");
    private static final Pattern CALL =
            Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Calls/(CA[0-9a-f]{32})\\.json");
    private static final Pattern RECORDING =
            Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Recordings/(RE[0-9a-f]{32})\\.json");
    private static final Pattern RECORDING_AUDIO =
            Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Recordings/(RE[0-9a-f]{32})\\.wav");
    private static final Pattern PARTICIPANT = Pattern.compile(
            "/2010-04-01/Accounts/(AC[0-9a-f]{32})/Conferences/(CF[0-9a-f]{32})/Participants/(CA[0-9a-f]{32})\\.json");
    /** A participant dialled into a conference, named by its sid or, as we do, by its friendly name. */
    private static final Pattern PARTICIPANTS =
            Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Conferences/([^/]+)/Participants\\.json");
    /** What the fake answers for any recording's audio: a WAV header's first bytes, then the recording's sid. */
    static final String AUDIO_PREFIX = "RIFF\u0000\u0000\u0000\u0000WAVE";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request the application made: what the SDK sent, and whether its credentials were right. */
    record Received(String method, String path, boolean authorized, Map<String, List<String>> form, long nanos) {
        String param(String name) {
            var values = form.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    /** Each call's status, duration and price as Twilio would tell them now, for the calls it placed or was told of. */
    private final Map<String, String[]> calls = new java.util.concurrent.ConcurrentHashMap<>();
    /** A status for the next requests to answer with an error instead (Twilio's code and message). */
    private volatile int failWith;
    /** Only a request whose path contains this fails (empty: the next request, whatever it is). */
    private volatile String failOn = "";

    /** Where Twilio's callbacks go (the node under test) and the public URL they were configured under. */
    private volatile URI app;

    private volatile String publicUrl;
    /** Each placed call's {@code StatusCallback}, and when it was answered (for the duration Twilio reports). */
    private final Map<String, String> statusCallbacks = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Long> answered = new java.util.concurrent.ConcurrentHashMap<>();
    /** Callbacks Twilio sends on its own after answering a request (a hang-up's {@code completed}), one at a time. */
    private final java.util.concurrent.ExecutorService later = java.util.concurrent.Executors.newSingleThreadExecutor();

    FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * From now on the fake plays Twilio's callbacks to {@code app}, which Twilio knows as {@code publicUrl}: the
     * URLs the application gives (status callbacks, an agent leg's {@code Url}) are called there, signed for the
     * public URL as Twilio signs them.
     */
    void playsCallbacksTo(URI app, String publicUrl) {
        this.app = app;
        this.publicUrl = publicUrl;
    }

    /**
     * Twilio tells the call's {@code StatusCallback} that it is {@code status} now (and the fake's record of the
     * call says so too); answered, the fake starts counting its duration.
     */
    HttpResponse<String> play(String callSid, String status, Map<String, String> more) {
        String url = statusCallbacks.get(callSid);
        if (url == null) {
            throw new AssertionError("The application gave no StatusCallback for " + callSid);
        }
        if (status.equals("in-progress")) {
            answered.putIfAbsent(callSid, System.nanoTime());
        }
        callIs(callSid, status, more.get("CallDuration"), more.get("Price"));
        var form = new LinkedHashMap<String, String>(
                Map.of("CallSid", callSid, "CallStatus", status, "AccountSid", ACCOUNT_SID));
        form.putAll(more);
        return fetch(url, form);
    }

    /** Twilio posts {@code form} to {@code url}, one of the URLs the application gave it (TwiML to fetch, a callback). */
    HttpResponse<String> fetch(String url, Map<String, String> form) {
        if (app == null || !url.startsWith(publicUrl + "/")) {
            throw new AssertionError(url + " is not an address of the application at " + publicUrl);
        }
        var signed = new LinkedHashMap<>(form);
        signed.putIfAbsent("AccountSid", ACCOUNT_SID);
        return callback(app, url.substring(publicUrl.length() + 1), url, signed, null);
    }

    /**
     * The application hung up a call Twilio had placed: like Twilio, the fake then reports it {@code completed} (or
     * {@code canceled}) to its status callback; for a call whose answer the fake played, with the talk's whole seconds
     * and its price at $0.013 a started minute, as a charge.
     */
    private void hungUp(String callSid, String status) {
        if (app == null || !statusCallbacks.containsKey(callSid)) {
            return;
        }
        Long since = answered.get(callSid);
        if (since == null) { // answered as far as the fake knows only if it played the answer: nothing to charge
            later.submit(() -> play(callSid, status, Map.of()));
            return;
        }
        long seconds = (System.nanoTime() - since) / 1_000_000_000L;
        String price = new java.math.BigDecimal("-0.0130")
                .multiply(java.math.BigDecimal.valueOf((seconds + 59) / 60))
                .toPlainString();
        later.submit(() -> play(callSid, status, Map.of("CallDuration", Long.toString(seconds), "Price", price)));
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The participants the application dialled into the conference {@code name} (by its friendly name). */
    synchronized List<Received> dialledInto(String name) {
        return received.stream()
                .filter(r -> r.path().endsWith("/Conferences/" + name + "/Participants.json"))
                .toList();
    }

    /** The calls the application placed to {@code to} (new legs: outbound calls, agents called into conferences). */
    synchronized List<Received> placedTo(String to) {
        return received.stream()
                .filter(r -> CALLS.matcher(r.path()).matches() && to.equals(r.param("To")))
                .toList();
    }

    /** What the application asked Twilio to do about the call (its status reads are {@link #fetchesOf}). */
    synchronized List<Received> about(String callSid) {
        return received.stream()
                .filter(r -> r.path().contains(callSid) && !isFetch(r))
                .toList();
    }

    /** The application's reads of the call's resource ({@code GET /Calls/{sid}.json}). */
    synchronized List<Received> fetchesOf(String callSid) {
        return received.stream()
                .filter(r -> r.path().contains(callSid) && isFetch(r))
                .toList();
    }

    private static boolean isFetch(Received request) {
        return request.method().equals("GET") && CALL.matcher(request.path()).matches();
    }

    /** What the fake says of the call from now on when asked: Twilio's status, duration and price (may be null). */
    void callIs(String callSid, String status, String duration, String price) {
        calls.put(callSid, new String[] {status, duration, price});
    }

    void failNextWith(int status) {
        failNextWith(status, "");
    }

    /** The next request whose path contains {@code pathPart} fails (other tests' background requests go through). */
    void failNextWith(int status, String pathPart) {
        failOn = pathPart;
        failWith = status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String expected = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            boolean authorized = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            var form = parse(body);
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), path, authorized, form, System.nanoTime()));
            }
            if (!authorized) {
                reply(exchange, 401, error(401, 20003, "Authenticate"));
                return;
            }
            int fail = failWith;
            if (fail != 0 && path.contains(failOn)) {
                failWith = 0;
                reply(
                        exchange,
                        fail,
                        error(fail, fail == 400 ? 21211 : 20500, "The 'To' number is not a valid phone number."));
                return;
            }
            if (exchange.getRequestMethod().equals("DELETE")
                    && RECORDING.matcher(path).matches()) {
                exchange.sendResponseHeaders(204, -1); // Twilio deletes with an empty 204
                return;
            }
            var audio = RECORDING_AUDIO.matcher(path);
            if (exchange.getRequestMethod().equals("GET") && audio.matches()) {
                byte[] wav = (AUDIO_PREFIX + audio.group(2)).getBytes(StandardCharsets.ISO_8859_1);
                exchange.getResponseHeaders().set("Content-Type", "audio/x-wav");
                exchange.sendResponseHeaders(200, wav.length);
                exchange.getResponseBody().write(wav);
                return;
            }
            var participant = PARTICIPANT.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && participant.matches()) {
                reply(
                        exchange,
                        200,
                        "{\"account_sid\":\"" + ACCOUNT_SID + "\",\"conference_sid\":\"" + participant.group(2)
                                + "\",\"call_sid\":\"" + participant.group(3) + "\",\"hold\":"
                                + "true".equals(first(form, "Hold")) + ",\"muted\":"
                                + "true".equals(first(form, "Muted"))
                                + ",\"status\":\"connected\"}");
                return;
            }
            var dialledIn = PARTICIPANTS.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && dialledIn.matches()) {
                if (first(form, "From") == null || first(form, "To") == null) {
                    reply(exchange, 400, error(400, 21201, "From and To are required"));
                    return;
                }
                String wrong = wrongParticipantParameter(form);
                if (wrong != null) {
                    reply(exchange, 400, error(400, 21236, "Invalid parameter " + wrong));
                    return;
                }
                String sid = "CA" + HexFormat.of().formatHex(bytes(16));
                calls.put(sid, new String[] {"queued", null, null});
                reply(
                        exchange,
                        201,
                        "{\"account_sid\":\"" + ACCOUNT_SID + "\",\"call_sid\":\"" + sid + "\",\"conference_sid\":\"CF"
                                + HexFormat.of().formatHex(bytes(16)) + "\",\"label\":" + quoted(first(form, "Label"))
                                + ",\"hold\":false,\"muted\":false,\"status\":\"queued\"}");
                return;
            }
            var many = CALLS.matcher(path);
            var one = CALL.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && many.matches()) {
                // as Twilio: a call needs both numbers, and TwiML, a URL or an application to answer it with
                if (first(form, "From") == null || first(form, "To") == null) {
                    reply(exchange, 400, error(400, 21201, "From and To are required"));
                    return;
                }
                if (first(form, "Twiml") == null
                        && first(form, "Url") == null
                        && first(form, "ApplicationSid") == null) {
                    reply(exchange, 400, error(400, 21205, "Url, Twiml or ApplicationSid is required"));
                    return;
                }
                String sid = "CA" + HexFormat.of().formatHex(bytes(16));
                calls.put(sid, new String[] {"queued", null, null});
                if (first(form, "StatusCallback") != null) {
                    statusCallbacks.put(sid, first(form, "StatusCallback"));
                }
                reply(exchange, 201, call(sid, "queued", first(form, "To"), first(form, "From")));
            } else if (exchange.getRequestMethod().equals("POST") && one.matches()) {
                String status = first(form, "Status");
                if (status != null) {
                    calls.put(one.group(2), new String[] {status, null, null});
                }
                reply(exchange, 200, call(one.group(2), status == null ? "in-progress" : status, "", ""));
                if (status != null) {
                    hungUp(one.group(2), status);
                }
            } else if (exchange.getRequestMethod().equals("GET") && one.matches() && calls.containsKey(one.group(2))) {
                String[] known = calls.get(one.group(2));
                reply(exchange, 200, fetched(one.group(2), known[0], known[1], known[2]));
            } else {
                reply(exchange, 404, error(404, 20404, "The requested resource " + path + " was not found"));
            }
        }
    }

    /**
     * The parameters of a new conference participant ({@code POST /Conferences/{name}/Participants.json}) that Twilio
     * knows, and the values it takes for those we send: a misspelt name or a value Twilio would not read fails here
     * as it would there (Twilio ignores nothing silently that the fake lets through).
     */
    private static final java.util.Set<String> PARTICIPANT_PARAMETERS = java.util.Set.of(
            "From",
            "To",
            "Label",
            "Beep",
            "StartConferenceOnEnter",
            "EndConferenceOnExit",
            "Timeout",
            "Muted",
            "Record",
            "EarlyMedia",
            "WaitUrl",
            "WaitMethod",
            "StatusCallback",
            "StatusCallbackMethod",
            "StatusCallbackEvent",
            "ConferenceStatusCallback",
            "ConferenceStatusCallbackMethod",
            "ConferenceStatusCallbackEvent",
            "CallerId",
            "CallerDisplayName",
            "MaxParticipants",
            "TimeLimit");

    private static final java.util.Set<String> CONFERENCE_EVENTS =
            java.util.Set.of("start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement");

    private static String wrongParticipantParameter(Map<String, List<String>> form) {
        for (var parameter : form.entrySet()) {
            String name = parameter.getKey();
            List<String> values = parameter.getValue();
            boolean ok = PARTICIPANT_PARAMETERS.contains(name)
                    && switch (name) {
                        case "StartConferenceOnEnter", "EndConferenceOnExit", "Muted", "Record", "EarlyMedia" ->
                            values.size() == 1 && values.get(0).matches("true|false");
                        case "Beep" -> values.size() == 1 && values.get(0).matches("true|false|onEnter|onExit");
                        case "Timeout" -> values.size() == 1 && values.get(0).matches("[0-9]{1,3}");
                        case "ConferenceStatusCallbackMethod", "StatusCallbackMethod", "WaitMethod" ->
                            values.size() == 1 && values.get(0).matches("GET|POST");
                        case "ConferenceStatusCallbackEvent" -> CONFERENCE_EVENTS.containsAll(values);
                        default -> values.size() == 1 || name.equals("StatusCallbackEvent");
                    };
            if (!ok) {
                return name + "=" + values;
            }
        }
        return null;
    }

    /**
     * Posts a callback to {@code base + path} as Twilio would, signed for {@code signedUrl} (what Twilio believes it
     * called) unless {@code signature} is given; {@code headers} are added as name, value pairs.
     */
    static HttpResponse<String> callback(
            URI base, String path, String signedUrl, Map<String, String> form, String signature, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        String signed = signature != null ? signature : sign(signedUrl, form);
        if (!signed.isEmpty()) {
            request.header("X-Twilio-Signature", signed);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Twilio's signature: HMAC-SHA1 of the URL followed by each parameter's name and value, sorted by name. */
    static String sign(String url, Map<String, String> form) {
        var data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String call(String sid, String status, String to, String from) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT_SID + "\",\"status\":\"" + status
                + "\",\"to\":\"" + to + "\",\"from\":\"" + from + "\",\"direction\":\"outbound-api\",\"price\":null}";
    }

    /** A call resource as Twilio reads it back: its duration and price are strings, null until the call is over. */
    private static String fetched(String sid, String status, String duration, String price) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT_SID + "\",\"status\":\"" + status
                + "\",\"direction\":\"outbound-api\",\"duration\":" + quoted(duration) + ",\"price\":"
                + quoted(price) + ",\"price_unit\":\"USD\"}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** Twilio's error body repeats the HTTP status, which the SDK reports as the exception's status code. */
    private static String error(int status, int code, String message) {
        return "{\"code\":" + code + ",\"message\":\"" + message
                + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, List<String>> parse(String body) {
        var form = new LinkedHashMap<String, List<String>>();
        if (body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String name) {
        var values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        later.shutdownNow();
        server.stop(0);
    }
}
