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
 *                                [--database postgresql://postgres@localhost:PORT/vocelio]
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
 *
 * <p>Given {@code --database} (the application's own database, as {@code ./vocelio run} prints it), the run ends with
 * the import's floor: PostgreSQL alone ({@code psql}, Debian's {@code postgresql-client}) writing the same number of
 * generated rows into an organization and list of its own with the import's statement (the upsert on the phone key
 * and the list memberships in one statement, 5,000-row batches, two writers as the import has, time-ordered ids as the
 * application gives), timed, then deleted.
 * The import's time over the floor's is what the application adds to the database's own work.
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
        String database = null;
        double importSeconds = 0;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--url" -> base = args[i + 1].replaceAll("/+$", "");
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                case "--page" -> page = Integer.parseInt(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--csv" -> csv = Path.of(args[i + 1]);
                case "--reuse" -> reuse = args[i + 1];
                case "--database" -> database = args[i + 1];
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
            importSeconds = secs(started);
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
        if (database != null) {
            floor(database, rows, importSeconds);
        }
    }

    static final int FLOOR_BATCH = 5000;

    /** A version-7-shaped UUID (milliseconds since the epoch, then random bits), as the application gives contacts. */
    static final String TIME_ORDERED_ID = "cast(lpad(to_hex(floor(extract(epoch from clock_timestamp()) * 1000)::bigint),"
            + " 12, '0') || '7' || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15) as uuid)";

    /**
     * PostgreSQL alone doing the import's writes: {@code rows} generated contacts upserted with their memberships into a
     * list, in the import's statement, by two psql writers taking alternate batches; then the rows are deleted again.
     */
    static void floor(String database, int rows, double importSeconds) throws Exception {
        String tenant = psql(database, "insert into organizations (id, name, subdomain) values (gen_random_uuid(),"
                + " 'Import floor', 'floor' || floor(random() * 1e9)::bigint) returning id");
        String list = psql(database, "insert into contact_lists (id, tenant_id, name, created_at, updated_at) values"
                + " (gen_random_uuid(), '" + tenant + "', 'floor', now(), now()) returning id");
        psql(database, "drop table if exists bench_floor_rows; create unlogged table bench_floor_rows as select g as n,"
                + " '+1555' || lpad(g::text, 7, '0') as phone, 'person' || (g % 100) as first_name, 'name' || (g % 200)"
                + " as last_name, 'person' || g || '@example.org' as email from generate_series(1, " + rows + ") g;"
                + " create index on bench_floor_rows (n); analyze bench_floor_rows; select 1");
        long started = System.nanoTime();
        var writers = new ArrayList<Process>();
        for (int writer = 0; writer < 2; writer++) {
            var script = new StringBuilder();
            for (int from = writer * FLOOR_BATCH; from < rows; from += 2 * FLOOR_BATCH) {
                String batch = "n > " + from + " and n <= " + (from + FLOOR_BATCH);
                script.append("with saved as (insert into contacts (id, tenant_id, phone, phone_type, first_name,"
                        + " last_name, email, source, created_at, updated_at) select " + TIME_ORDERED_ID + ", '" + tenant
                        + "', r.phone, 'unknown', r.first_name, r.last_name, r.email, 'import', now(), now()"
                        + " from bench_floor_rows r where " + batch + " on conflict (tenant_id, phone) do nothing"
                        + " returning id, (xmax = 0) as created), members as (insert into contact_list_memberships"
                        + " (tenant_id, list_id, contact_id, added_by, added_at) select '" + tenant + "', '" + list
                        + "', ids.id, null, now() from (select id from saved union select c.id from bench_floor_rows r"
                        + " join contacts c on c.tenant_id = '" + tenant + "' and c.phone = r.phone where " + batch
                        + ") ids on conflict do nothing) select count(*) filter (where created) from saved;\n");
            }
            Process process = new ProcessBuilder("psql", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", database)
                    .redirectErrorStream(true)
                    .start();
            try (var in = process.getOutputStream()) {
                in.write(script.toString().getBytes(StandardCharsets.UTF_8));
            }
            writers.add(process);
        }
        for (Process writer : writers) {
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (writer.waitFor() != 0) {
                throw new IllegalStateException("a floor writer failed: " + output);
            }
        }
        double floorSeconds = secs(started);
        String written = psql(database, "select count(*) from contact_list_memberships where list_id = '" + list + "'");
        System.out.printf("import floor, PostgreSQL alone (%s rows with their memberships, two writers): %.1f s;"
                + " the import took %.2f× that%n", written, floorSeconds, importSeconds / floorSeconds);
        psql(database, "delete from contacts where tenant_id = '" + tenant + "'; delete from contact_lists where id = '"
                + list + "'; drop table bench_floor_rows; select 1");
    }

    /** One psql call; its last output line (a returned value). */
    static String psql(String database, String sql) throws Exception {
        Process process = new ProcessBuilder("psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, database)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
        return output.lines().reduce((a, b) -> b).orElse("");
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
