import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contacts at scale (issue #17): imports a generated CSV of N rows (default 1,000,000) through the guide's upload, then
 * measures search and deep-page latency over HTTP. Run against a started application with the rate limit off and
 * room for the file:
 *
 * <pre>
 *   VOCELIO_RATELIMIT_REQUESTS_PER_MINUTE=0 VOCELIO_HTTP_MAX_UPLOAD_BYTES=209715200 ./vocelio run
 *   java bench/ContactBench.java [--url http://localhost:8080] [--rows 1000000] [--samples 200] [--page 5000]
 *                                [--limit 50] [--csv /tmp/contacts-1m.csv] [--reuse bench@SUFFIX.example.com]
 * </pre>
 *
 * It signs up its own organization (so it starts with no contacts), writes the CSV ({@code first_name, last_name,
 * phone, email}: 100 first names × 200 last names, unique US numbers and e-mails; reused when {@code --csv} names an
 * existing file of the same row count), uploads it to {@code POST /v1/uploads/contacts} with a new list, follows the
 * job with {@code GET /v1/uploads/contacts/{jobId}} until it is completed, and prints the time from the upload's first
 * byte to the completed status. Then, one request at a time after a short warm-up, p50/p95/max of:
 * search by name ("first last"), by phone (7 digits of a number) and by e-mail (a whole address), each on
 * {@code /api/contacts/search?q=} and {@code /v1/contacts?search=}; page {@code --page} of the list on
 * {@code /api/contacts/lists/{id}/contacts} and {@code /v1/contact-lists/{id}/contacts}, and the keyset page after it
 * ({@code /v1/contacts?listId&after=} its {@code nextCursor}). Every answer is checked (status, rows, totals).
 */
public class ContactBench {

    static final String[] FIRST = {
        "james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth",
        "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen",
        "christopher", "lisa", "daniel", "nancy", "matthew", "betty", "anthony", "sandra", "mark", "margaret",
        "donald", "ashley", "steven", "kimberly", "andrew", "emily", "paul", "donna", "joshua", "michelle",
        "kenneth", "carol", "kevin", "amanda", "brian", "melissa", "george", "deborah", "timothy", "stephanie",
        "ronald", "dorothy", "jason", "rebecca", "edward", "sharon", "jeffrey", "laura", "ryan", "cynthia",
        "jacob", "amy", "gary", "kathleen", "nicholas", "angela", "eric", "shirley", "jonathan", "brenda",
        "stephen", "emma", "larry", "anna", "justin", "pamela", "scott", "nicole", "brandon", "samantha",
        "benjamin", "katherine", "samuel", "christine", "gregory", "helen", "alexander", "debra", "patrick", "rachel",
        "frank", "carolyn", "raymond", "janet", "jack", "maria", "dennis", "catherine", "jerry", "heather"
    };
    static final String[] LAST_STEMS = {
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez",
        "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin",
        "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson",
        "walker", "young", "allen", "king", "wright", "scott", "torres", "nguyen", "hill", "flores"
    };
    static final String[] LAST_ENDS = {"", "ford", "ridge", "wood", "field"};
    static final int[] AREAS = {201, 202, 212, 213, 303, 305, 312, 404, 415, 503, 602, 617, 646, 702, 713, 718, 805, 818, 917, 925};

    static String base = "http://localhost:8080";
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int samples = 200;
        int page = 5000;
        int limit = 50;
        Path csv = null;
        String reuse = null; // the e-mail of an earlier run's organization: measure its contacts, import nothing
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--url" -> base = args[i + 1].replaceAll("/+$", "");
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                case "--page" -> page = Integer.parseInt(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--csv" -> csv = Path.of(args[i + 1]);
                case "--reuse" -> reuse = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (rows > 20 * 100 * 1000 * 5) {
            throw new IllegalArgumentException("at most 10,000,000 rows (distinct generated numbers)");
        }
        csv = csv == null ? Path.of(System.getProperty("java.io.tmpdir"), "contacts-" + rows + ".csv") : csv;
        if (!Files.exists(csv) || Files.lines(csv).count() != rows + 1L) {
            long t = System.nanoTime();
            write(csv, rows);
            System.out.printf("generated %,d rows (%,d bytes) in %.1f s: %s%n", rows, Files.size(csv), secs(t), csv);
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String listName = "Bench " + suffix;
        if (reuse != null) {
            token = field(send(json("POST", "/auth/login-2fa", """
                    {"email":"%s","password":"benchmark-password","two_factor_code":""}""".formatted(reuse)), 200),
                    "access_token");
            listName = "Bench " + reuse.substring(reuse.indexOf('@') + 1, reuse.indexOf(".example.com"));
        } else {
            token = field(send(json("POST", "/auth/register", """
                    {"email":"bench@%s.example.com","password":"benchmark-password","organization_name":"Contacts %s","subdomain":"c%s"}"""
                    .formatted(suffix, suffix, suffix)), 201), "access_token");

            long started = System.nanoTime();
            String job = field(send(upload(csv, listName), 202), "jobId");
            String done = follow(job);
            double importSeconds = secs(started);
            System.out.printf("import of %,d rows: %.1f s (%,.0f rows/s), aim <= 20 s for 1M%n  %s%n",
                    rows, importSeconds, rows / importSeconds, results(done));
            if (!done.contains("\"imported\":" + rows)) {
                throw new IllegalStateException("not every row was imported: " + done);
            }
            System.out.println("  organization (for --reuse): bench@" + suffix + ".example.com");
        }

        String lists = send(get("/api/contacts/lists"), 200);
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"name\":\"" + Pattern.quote(listName) + "\"").matcher(lists);
        if (!m.find()) {
            throw new IllegalStateException("the import's list is not in " + lists);
        }
        String list = m.group(1);

        Random random = new Random(17);
        int n = rows;
        IntFunction<String> name = i -> FIRST[i % FIRST.length] + " " + last(i);
        IntFunction<String> phone = i -> phone(i).substring(5); // exchange + line: 7 digits
        IntFunction<String> email = i -> email(i);
        System.out.println("search (" + samples + " requests each, one at a time; 20 results a page):");
        for (var query : List.of(new Object[] {"name", name}, new Object[] {"phone", phone}, new Object[] {"email", email})) {
            @SuppressWarnings("unchecked")
            IntFunction<String> terms = (IntFunction<String>) query[1];
            for (String path : List.of("/api/contacts/search?limit=20&q=", "/v1/contacts?limit=20&search=")) {
                measure(query[0] + " " + path.substring(0, path.indexOf('?')), samples, () -> {
                    String term = terms.apply(random.nextInt(n));
                    String body = send(get(path + URLEncoder.encode(term, StandardCharsets.UTF_8)), 200);
                    if (!body.contains("\"phone\":\"+1")) {
                        throw new IllegalStateException("no contact found for '" + term + "': " + body);
                    }
                });
            }
        }
        long expectedTotal = rows;
        int p = page;
        int l = limit;
        System.out.printf("page %,d of the %,d-row list, %d a page (rows %,d..%,d):%n", p, rows, l, (long) (p - 1) * l + 1, (long) p * l);
        measure("/api/contacts/lists/{id}/contacts", samples, () -> {
            String body = send(get("/api/contacts/lists/" + list + "/contacts?limit=" + l + "&page=" + p), 200);
            check(body, "\"totalCount\":" + expectedTotal, "\"currentPage\":" + p);
        });
        measure("/v1/contact-lists/{id}/contacts", samples, () -> {
            String body = send(get("/v1/contact-lists/" + list + "/contacts?limit=" + l + "&page=" + p), 200);
            check(body, "\"total\":" + expectedTotal, "\"page\":" + p);
        });
        String cursor = field(send(get("/v1/contact-lists/" + list + "/contacts?limit=" + l + "&page=" + p), 200), "nextCursor");
        measure("/v1/contacts?listId&after= (keyset, the page after)", samples, () -> {
            String body = send(get("/v1/contacts?listId=" + list + "&limit=" + l + "&after=" + cursor), 200);
            check(body, "\"total\":" + expectedTotal);
        });
    }

    static void write(Path csv, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("first_name,last_name,phone,email\n");
            for (int i = 0; i < rows; i++) {
                out.write(FIRST[i % FIRST.length]);
                out.write(',');
                out.write(last(i));
                out.write(',');
                out.write(phone(i));
                out.write(',');
                out.write(email(i));
                out.write('\n');
            }
        }
    }

    static String last(int i) {
        int k = (i / FIRST.length) % (LAST_STEMS.length * LAST_ENDS.length);
        return LAST_STEMS[k % LAST_STEMS.length] + LAST_ENDS[k / LAST_STEMS.length];
    }

    /** Distinct valid US numbers: 20 area codes × exchanges 220–319 without 311 × 5,000 lines each. */
    static String phone(int i) {
        int area = AREAS[i % AREAS.length];
        int exchange = 220 + (i / AREAS.length) % 100;
        int line = i / (AREAS.length * 100);
        if (exchange == 311) {
            exchange = 399;
        }
        return "+1" + area + exchange + String.format("%04d", line);
    }

    static String email(int i) {
        return FIRST[i % FIRST.length] + "." + last(i) + "." + i + "@example.com";
    }

    static String follow(String job) throws Exception {
        while (true) {
            String body = send(get("/v1/uploads/contacts/" + job), 200);
            if (body.contains("\"status\":\"completed\"")) {
                return body;
            }
            if (body.contains("\"status\":\"failed\"")) {
                throw new IllegalStateException("import failed: " + body);
            }
            Thread.sleep(250);
        }
    }

    static String results(String job) {
        int at = job.indexOf("\"results\"");
        return at < 0 ? job : job.substring(at, job.indexOf('}', at) + 1);
    }

    interface Call {
        void run() throws Exception;
    }

    static void measure(String label, int samples, Call call) throws Exception {
        for (int i = 0; i < Math.max(5, samples / 10); i++) {
            call.run(); // warm-up: JIT, connections, the database's cache
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("  %-52s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", label,
                nanos[samples / 2] / 1e6, nanos[(int) Math.ceil(samples * 0.95) - 1] / 1e6, nanos[samples - 1] / 1e6);
    }

    static void check(String body, String... parts) {
        for (String part : parts) {
            if (!body.contains(part)) {
                throw new IllegalStateException("expected " + part + " in " + body.substring(0, Math.min(600, body.length())));
            }
        }
    }

    static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build();
    }

    static HttpRequest json(String method, String path, String body) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    static HttpRequest upload(Path csv, String listName) throws IOException {
        String boundary = "bench" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"listName\"\r\n\r\n" + listName + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + csv.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        var parts = List.of(head.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(csv), tail.getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + "/v1/uploads/contacts"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts))
                .build();
    }

    static String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body().substring(0, Math.min(600, response.body().length())));
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
