import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The inventory benchmark client: generates a realistic inventory with a fixed seed, imports it
 * into a running Opsline over HTTP, then times the CI list page, the list API with filters and
 * impact analysis, checking every answer against what it generated. Run by {@code bench/inventory};
 * {@code java bench/InventoryBench.java --help} lists the options. No dependencies: JDK 22+ only
 * (the launcher compiles the other files in {@code bench/} it needs: the inventory generator,
 * results, the table, a JSON reader).
 *
 * <p>{@code java bench/InventoryBench.java table FILE...} prints result files side by side.
 */
public class InventoryBench {

    static final String USAGE = """
            usage: java bench/InventoryBench.java --url URL --token TOKEN --admin-password PW [options]
                   java bench/InventoryBench.java table RESULTS_FILE...

              --url URL               Opsline base URL (loopback), e.g. http://127.0.0.1:18080
              --token TOKEN           an admin API token
              --admin-password PW     the password of user 'admin', for the UI list page
              --engine NAME           label for the results (H2, PostgreSQL)
              --cis N                 CIs to generate and import (default 100000)
              --relationships N       relationships (default 3 x CIs)
              --chain N               length of the deep chain (default min(10000, CIs/10))
              --subgraph N            CIs reached from the subgraph root (default min(10000, CIs/10))
              --requests N            measured requests per list/search scenario (default 300)
              --impact-requests N     measured requests per impact scenario (default 100)
              --warmup N              unmeasured requests before each scenario (default 30; impact: N/3)
              --import-batch N        CIs per import request (default: all in one request)
              --seed N                random seed (default 20240611)
              --only-import           stop after the import (for profiling it)
              --results FILE          write figures as key=value lines to FILE
            """;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("table")) {
            ResultTable.print(Arrays.asList(args).subList(1, args.length));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        System.exit(new InventoryBench(options).run());
    }

    // ---------------------------------------------------------------------------------------------
    // Options

    record Options(String url, String token, String adminPassword, String engine, int cis, int relationships,
            int chain, int subgraph, int requests, int impactRequests, int warmup, int impactWarmup, int importBatch,
            long seed, Path results, boolean onlyImport) {

        static Options parse(String[] args) {
            var values = new HashMap<String, String>();
            for (int i = 0; i < args.length; i++) {
                var arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                if (arg.equals("--only-import")) {
                    values.put("only-import", "true");
                    continue;
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument: " + arg);
                }
                var eq = arg.indexOf('=');
                if (eq > 0) {
                    values.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
            }
            var known = Set.of("url", "token", "admin-password", "engine", "cis", "relationships", "chain", "subgraph",
                    "requests", "impact-requests", "warmup", "import-batch", "seed", "results", "only-import");
            for (var key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("unknown option --" + key);
                }
            }
            for (var required : List.of("url", "token", "admin-password")) {
                if (!values.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " is required");
                }
            }
            int cis = intOf(values, "cis", 100_000);
            int warmup = intOf(values, "warmup", 30);
            var options = new Options(values.get("url").replaceAll("/+$", ""), values.get("token"),
                    values.get("admin-password"), values.getOrDefault("engine", "unknown"), cis,
                    intOf(values, "relationships", cis * 3), intOf(values, "chain", Math.min(10_000, cis / 10)),
                    intOf(values, "subgraph", Math.min(10_000, cis / 10)), intOf(values, "requests", 300),
                    intOf(values, "impact-requests", 100), warmup, Math.max(1, warmup / 3),
                    intOf(values, "import-batch", 0), Long.parseLong(values.getOrDefault("seed", "20240611")),
                    values.containsKey("results") ? Path.of(values.get("results")) : null,
                    values.containsKey("only-import"));
            if (options.chain < 2 || options.subgraph < 100) {
                throw new IllegalArgumentException("--chain must be at least 2 and --subgraph at least 100");
            }
            if (options.requests < 1 || options.impactRequests < 1) {
                throw new IllegalArgumentException("--requests and --impact-requests must be at least 1");
            }
            return options;
        }

        private static int intOf(Map<String, String> values, String key, int fallback) {
            var text = values.get(key);
            if (text == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(text.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " must be a whole number, not " + text);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The run

    private final Options options;
    private final Results results = new Results();
    private final HttpClient api = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient ui = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> failures = new ArrayList<>();

    InventoryBench(Options options) {
        this.options = options;
    }

    int run() throws Exception {
        results.put("engine", options.engine);
        results.put("meta.cis", options.cis);
        results.put("meta.relationships", options.relationships);
        results.put("meta.chain", options.chain);
        results.put("meta.subgraph", options.subgraph);
        results.put("meta.requests", options.requests);
        results.put("meta.impact_requests", options.impactRequests);
        results.put("meta.seed", options.seed);
        results.put("meta.machine", Machine.describe());
        results.put("meta.load_start", Machine.loadAverage());
        try {
            var started = System.nanoTime();
            System.out.printf("Generating %,d CIs and %,d relationships (seed %d)...%n", options.cis,
                    options.relationships, options.seed);
            var inventory = GeneratedInventory.generate(options);
            System.out.printf("  generated in %.1f s: %s%n", seconds(System.nanoTime() - started),
                    inventory.classSummary());
            inventory.selfCheck();

            createTeams(inventory);
            importCis(inventory);
            importRelationships(inventory);
            if (options.onlyImport) {
                return failures.isEmpty() ? 0 : 1;
            }
            var roots = findRoots(inventory);
            signIn();

            System.out.printf("%nMeasuring (%d warm-up + %d measured requests per list scenario, %d + %d per impact"
                    + " scenario; one request at a time)%n", options.warmup, options.requests, options.impactWarmup,
                    options.impactRequests);
            results.put("meta.load_measuring", Machine.loadAverage());
            var scenarios = new Scenarios(inventory, new Random(options.seed ^ 0x5DEECE66DL));
            measure("ui.list", false, scenarios.uiFirstPage(), options.warmup, options.requests);
            measure("ui.filtered", false, scenarios.uiFiltered(), options.warmup, options.requests);
            measure("api.all", true, scenarios.apiAll(), options.warmup, options.requests);
            measure("api.class_status", true, scenarios.classAndStatus(), options.warmup, options.requests);
            measure("api.tag", true, scenarios.tags(), options.warmup, options.requests);
            measure("api.text", true, scenarios.text(), options.warmup, options.requests);
            measure("api.team", true, scenarios.teams(), options.warmup, options.requests);
            measure("api.combined", true, scenarios.combined(), options.warmup, options.requests);
            measure("api.sort", true, scenarios.sorts(), options.warmup, options.requests);
            measure("api.deep_page", true, scenarios.deepPages(), options.warmup, options.requests);
            measure("impact.subgraph", true, List.of(impactCase(inventory, roots.subgraphRoot, inventory.subgraphRoot,
                    true)), options.impactWarmup, options.impactRequests);
            measure("impact.chain", true, List.of(impactCase(inventory, roots.chainStart, inventory.chainStart, true)),
                    options.impactWarmup, options.impactRequests);
            measure("impact.chain_deps", true, List.of(impactCase(inventory, roots.chainEnd, inventory.chainEnd,
                    false)), options.impactWarmup, options.impactRequests);
            results.put("meta.total_seconds", String.format(Locale.ROOT, "%.1f", seconds(System.nanoTime() - started)));
        } catch (BenchError e) {
            failures.add(e.getMessage());
            results.put("error", e.getMessage());
            System.out.println("ERROR: " + e.getMessage());
        } catch (IOException e) {
            failures.add("I/O error talking to Opsline: " + e);
            results.put("error", "I/O error talking to Opsline: " + e);
            System.out.println("ERROR: I/O error talking to Opsline: " + e);
        } finally {
            results.put("meta.load_end", Machine.loadAverage());
            if (options.results != null) {
                results.write(options.results);
            }
        }
        if (!failures.isEmpty()) {
            System.out.printf("%n%d problem(s):%n", failures.size());
            failures.forEach(f -> System.out.println("  - " + f));
            return 1;
        }
        System.out.println("\nAll answers verified.");
        return 0;
    }

    private void createTeams(GeneratedInventory inventory) throws IOException, InterruptedException {
        for (var team : GeneratedInventory.TEAMS) {
            var body = "{\"name\":\"" + team + "\",\"description\":\"The " + team + " team\"}";
            var response = send(api, apiRequest("/api/v1/teams").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (response.statusCode() != 201) {
                throw new BenchError("creating team " + team + " answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
        }
        System.out.printf("Created %d teams.%n", GeneratedInventory.TEAMS.size());
    }

    private void importCis(GeneratedInventory inventory) throws IOException, InterruptedException {
        int batch = options.importBatch <= 0 ? inventory.cis.size() : options.importBatch;
        long bytes = 0;
        long nanos = 0;
        int created = 0;
        for (int from = 0; from < inventory.cis.size(); from += batch) {
            var csv = inventory.ciCsv(from, Math.min(inventory.cis.size(), from + batch));
            bytes += csv.length;
            var timed = timedImport(csv);
            nanos += timed.nanos;
            created += ((Number) report(timed).get("cisCreated")).intValue();
        }
        var secs = seconds(nanos);
        System.out.printf("Imported %,d CIs (%,d MB of CSV, %s) in %.1f s (%,.0f CIs/s)%n", created, bytes >> 20,
                batch == inventory.cis.size() ? "one request" : "requests of " + batch, secs, created / secs);
        results.put("import.cis.seconds", String.format(Locale.ROOT, "%.2f", secs));
        results.put("import.cis.check", "created " + created + " of " + inventory.cis.size());
        if (created != inventory.cis.size()) {
            fail("import.cis", "the import reported %d CIs created, expected %d".formatted(created,
                    inventory.cis.size()));
        } else {
            results.put("import.cis.ok", "true");
        }
    }

    private void importRelationships(GeneratedInventory inventory) throws IOException, InterruptedException {
        var csv = inventory.relationshipCsv();
        var timed = timedImport(csv);
        var created = ((Number) report(timed).get("relationshipsCreated")).intValue();
        var secs = seconds(timed.nanos);
        System.out.printf("Imported %,d relationships (%,d MB of CSV, one request) in %.1f s (%,.0f/s)%n", created,
                csv.length >> 20, secs, created / secs);
        results.put("import.relationships.seconds", String.format(Locale.ROOT, "%.2f", secs));
        results.put("import.relationships.check", "created " + created + " of " + inventory.relationshipCount());
        if (created != inventory.relationshipCount()) {
            fail("import.relationships", "the import reported %d relationships created, expected %d"
                    .formatted(created, inventory.relationshipCount()));
        } else {
            results.put("import.relationships.ok", "true");
        }
    }

    private record TimedResponse(HttpResponse<String> response, long nanos) {
    }

    private TimedResponse timedImport(byte[] csv) throws IOException, InterruptedException {
        var request = apiRequest("/api/v1/import").timeout(Duration.ofMinutes(30))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build();
        var start = System.nanoTime();
        var response = send(api, request);
        var nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new BenchError("import answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return new TimedResponse(response, nanos);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(TimedResponse timed) {
        return (Map<String, Object>) Json.parse(timed.response.body());
    }

    private record Roots(String subgraphRoot, String chainStart, String chainEnd) {
    }

    private Roots findRoots(GeneratedInventory inventory) throws IOException, InterruptedException {
        return new Roots(idOf(inventory.cis.get(inventory.subgraphRoot)), idOf(inventory.cis.get(inventory.chainStart)),
                idOf(inventory.cis.get(inventory.chainEnd)));
    }

    /** The stored id of a generated CI, found through the list's text search on its external id. */
    @SuppressWarnings("unchecked")
    private String idOf(GeneratedInventory.Ci ci) throws IOException, InterruptedException {
        var response = send(api, apiRequest("/api/v1/cis?q=" + encode(ci.externalId) + "&class=" + ci.ciClass)
                .GET().build());
        if (response.statusCode() != 200) {
            throw new BenchError("looking up " + ci.name + " answered " + response.statusCode());
        }
        var items = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(response.body())).get("items");
        return items.stream().filter(item -> ci.externalId.equals(item.get("externalId")))
                .map(item -> (String) item.get("id")).findFirst()
                .orElseThrow(() -> new BenchError("CI " + ci.name + " was not found after the import"));
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** Signs in as admin through the form, as a browser does: GET /login for the CSRF token, then POST. */
    private void signIn() throws IOException, InterruptedException {
        var page = send(ui, uiRequest("/login").GET().build());
        var matcher = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !matcher.find()) {
            throw new BenchError("GET /login answered " + page.statusCode() + " without a CSRF token");
        }
        var form = "username=admin&password=" + encode(options.adminPassword) + "&_csrf=" + encode(matcher.group(1));
        var response = send(ui, uiRequest("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        var location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new BenchError("signing in as admin failed: " + response.statusCode() + " -> " + location);
        }
        System.out.println("Signed in to the UI as admin.");
    }

    // ---------------------------------------------------------------------------------------------
    // Measuring

    /** One request of a scenario and how to check its answer. */
    record Case(String path, String description, Verifier verifier) {
    }

    /** Checks a response body; throws {@link WrongAnswer} when it is wrong. */
    interface Verifier {
        void verify(String body);
    }

    static final class WrongAnswer extends RuntimeException {
        WrongAnswer(String message) {
            super(message);
        }
    }

    static final class BenchError extends RuntimeException {
        BenchError(String message) {
            super(message);
        }
    }

    private void measure(String id, boolean isApi, List<Case> cases, int warmup, int count)
            throws IOException, InterruptedException {
        var client = isApi ? api : ui;
        var latencies = new double[count];
        var slowestByPath = new HashMap<String, Double>();
        int wrong = 0;
        String firstWrong = null;
        for (int i = 0; i < warmup + count; i++) {
            var c = cases.get(i % cases.size());
            var request = (isApi ? apiRequest(c.path) : uiRequest(c.path)).GET().build();
            var start = System.nanoTime();
            var response = send(client, request);
            var millis = (System.nanoTime() - start) / 1e6;
            if (i >= warmup) {
                latencies[i - warmup] = millis;
                slowestByPath.merge(c.path, millis, Math::max);
            }
            try {
                if (response.statusCode() != 200) {
                    throw new WrongAnswer("status " + response.statusCode() + ": " + abbreviate(response.body()));
                }
                c.verifier.verify(response.body());
            } catch (WrongAnswer e) {
                wrong++;
                if (firstWrong == null) {
                    firstWrong = "GET " + c.path + ": " + e.getMessage();
                }
            } catch (RuntimeException e) {
                wrong++;
                if (firstWrong == null) {
                    firstWrong = "GET " + c.path + ": unreadable answer (" + e + ")";
                }
            }
        }
        Arrays.sort(latencies);
        var p50 = percentile(latencies, 50);
        var p99 = percentile(latencies, 99);
        var max = latencies[latencies.length - 1];
        results.put(id + ".p50", String.format(Locale.ROOT, "%.2f", p50));
        results.put(id + ".p99", String.format(Locale.ROOT, "%.2f", p99));
        results.put(id + ".max", String.format(Locale.ROOT, "%.2f", max));
        results.put(id + ".n", count);
        var check = cases.size() == 1 ? cases.getFirst().description
                : cases.size() + " variants, every answer checked";
        results.put(id + ".check", check);
        System.out.printf("  %-18s n=%-4d p50 %8.1f ms   p99 %8.1f ms   max %8.1f ms   %s%s%n", id, count, p50, p99, max,
                check, wrong == 0 ? "" : "   WRONG x" + wrong);
        // Which variants the tail belongs to: the three whose slowest request was slowest.
        var slowest = slowestByPath.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(3).map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        results.put(id + ".slowest", slowest);
        System.out.printf("  %-18s slowest: %s%n", "", slowest);
        if (wrong == 0) {
            results.put(id + ".ok", "true");
        } else {
            fail(id, "%d of %d answers wrong; first: %s".formatted(wrong, warmup + count, firstWrong));
        }
    }

    private void fail(String id, String message) {
        failures.add(id + ": " + message);
        results.put(id + ".wrong", message);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    // ---------------------------------------------------------------------------------------------
    // Scenarios and their expected answers

    private static Case impactCase(GeneratedInventory inventory, String id, int root, boolean impacted) {
        var expected = inventory.reach(root, impacted);
        var businessServices = (int) expected.keySet().stream()
                .filter(i -> inventory.cis.get(i).ciClass.equals("business_service")).count();
        var maxDepth = expected.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        var byName = new HashMap<String, Integer>();
        expected.forEach((i, depth) -> byName.put(inventory.cis.get(i).name, depth));
        var path = "/api/v1/cis/" + id + "/impact" + (impacted ? "" : "?direction=dependencies");
        var description = "nodes %,d, max depth %,d, business services %d verified".formatted(expected.size(),
                maxDepth, businessServices);
        return new Case(path, description, body -> {
            var result = Json.object(body);
            var nodes = Json.list(result.get("nodes"));
            if (nodes.size() != expected.size()) {
                throw new WrongAnswer("%d nodes, expected %d".formatted(nodes.size(), expected.size()));
            }
            var seen = new HashSet<String>();
            for (var node : nodes) {
                var n = Json.object(node);
                var name = (String) Json.object(n.get("ci")).get("name");
                var depth = ((Number) n.get("depth")).intValue();
                var want = byName.get(name);
                if (want == null || !seen.add(name)) {
                    throw new WrongAnswer("unexpected or repeated node " + name);
                }
                if (want != depth) {
                    throw new WrongAnswer("node %s at depth %d, expected %d".formatted(name, depth, want));
                }
            }
            var services = Json.list(result.get("businessServices")).size();
            if (services != businessServices) {
                throw new WrongAnswer("%d business services, expected %d".formatted(services, businessServices));
            }
        });
    }

    /** The request mixes, each request with its expected answer computed from the generated data. */
    static final class Scenarios {

        static final int PAGE_SIZE = 50;
        private final GeneratedInventory inventory;
        private final Random random;
        private final Map<String, GeneratedInventory.Ci> byExternalId = new HashMap<>();

        Scenarios(GeneratedInventory inventory, Random random) {
            this.inventory = inventory;
            this.random = random;
            inventory.cis.forEach(ci -> byExternalId.put(ci.externalId, ci));
        }

        /** A list request: its query, the filter it means, the order it asks for and the page. */
        record Query(String query, Predicate<GeneratedInventory.Ci> filter, Comparator<GeneratedInventory.Ci> order, int page) {
        }

        static final Comparator<GeneratedInventory.Ci> BY_NAME = Comparator.comparing((GeneratedInventory.Ci c) -> c.name)
                .thenComparing(c -> c.ciClassConstant());
        static final Comparator<GeneratedInventory.Ci> BY_CLASS = Comparator.comparing(GeneratedInventory.Ci::ciClassConstant)
                .thenComparing(c -> c.name);
        static final Comparator<GeneratedInventory.Ci> BY_STATUS = Comparator.comparing((GeneratedInventory.Ci c) -> c.status
                .toUpperCase(Locale.ROOT)).thenComparing(c -> c.name).thenComparing(GeneratedInventory.Ci::ciClassConstant);

        List<Case> uiFirstPage() {
            return List.of(uiCase(new Query("", c -> true, BY_NAME, 0)));
        }

        List<Case> uiFiltered() {
            var queries = new ArrayList<Query>();
            queries.addAll(classStatusQueries().subList(0, 6));
            queries.addAll(tagQueries().subList(0, 4));
            queries.addAll(textQueries().subList(0, 6));
            queries.addAll(teamQueries().subList(0, 3));
            queries.addAll(sortQueries());
            queries.addAll(deepPageQueries(6));
            Collections.shuffle(queries, random);
            return queries.stream().map(this::uiCase).toList();
        }

        List<Case> apiAll() {
            return List.of(apiCase(new Query("", c -> true, BY_NAME, 0)));
        }

        List<Case> classAndStatus() {
            return shuffled(classStatusQueries());
        }

        List<Case> tags() {
            return shuffled(tagQueries());
        }

        List<Case> text() {
            return shuffled(textQueries());
        }

        List<Case> teams() {
            return shuffled(teamQueries());
        }

        List<Case> sorts() {
            return shuffled(sortQueries());
        }

        List<Case> deepPages() {
            return shuffled(deepPageQueries(20));
        }

        List<Case> combined() {
            var queries = new ArrayList<Query>();
            queries.add(new Query("class=virtual_machine&environment=production&criticality=high&tag=linux",
                    c -> c.ciClass.equals("virtual_machine") && c.environment.equals("production")
                            && c.criticality.equals("high") && c.tags.contains("linux"), BY_NAME, 0));
            queries.add(new Query("q=ubuntu&class=server&status=active",
                    c -> c.matches("ubuntu") && c.ciClass.equals("server") && c.status.equals("active"), BY_NAME, 0));
            queries.add(new Query("q=oracle&team=dba&sort=status",
                    c -> c.matches("oracle") && "dba".equals(c.team), BY_STATUS, 0));
            queries.add(new Query("class=application&tag=pci&environment=production&sort=class",
                    c -> c.ciClass.equals("application") && c.tags.contains("pci")
                            && c.environment.equals("production"), BY_CLASS, 0));
            queries.add(new Query("team=network&class=network_device&status=active",
                    c -> "network".equals(c.team) && c.ciClass.equals("network_device") && c.status.equals("active"),
                    BY_NAME, 0));
            queries.add(new Query("q=site:fra&class=database&criticality=high",
                    c -> c.matches("site:fra") && c.ciClass.equals("database") && c.criticality.equals("high"),
                    BY_NAME, 0));
            queries.add(new Query("tag=backup-daily&status=maintenance&page=1",
                    c -> c.tags.contains("backup-daily") && c.status.equals("maintenance"), BY_NAME, 1));
            queries.add(new Query("q=zrh&class=virtual_machine&team=platform&page=2",
                    c -> c.matches("zrh") && c.ciClass.equals("virtual_machine") && "platform".equals(c.team),
                    BY_NAME, 2));
            return shuffled(queries);
        }

        private List<Query> classStatusQueries() {
            var queries = new ArrayList<Query>();
            for (var ciClass : GeneratedInventory.CLASSES) {
                for (var status : List.of("active", "maintenance", "planned", "retired")) {
                    queries.add(new Query("class=" + ciClass + "&status=" + status,
                            c -> c.ciClass.equals(ciClass) && c.status.equals(status), BY_NAME, 0));
                }
            }
            Collections.shuffle(queries, new Random(1));
            return queries;
        }

        private List<Query> tagQueries() {
            var queries = new ArrayList<Query>();
            for (var tag : inventory.tagsInUse()) {
                queries.add(new Query("tag=" + encode(tag), c -> c.tags.contains(tag), BY_NAME, 0));
            }
            Collections.shuffle(queries, new Random(2));
            return queries;
        }

        private List<Query> textQueries() {
            var terms = new ArrayList<String>();
            var pick = new Random(3);
            for (int i = 0; i < 4; i++) {
                terms.add(inventory.cis.get(pick.nextInt(inventory.cis.size())).name);
            }
            terms.add(inventory.cis.get(pick.nextInt(inventory.cis.size())).externalId);
            terms.addAll(List.of("ubuntu", "oracle", "10.0.17.", "sn-7f", "payments", "cisco", "no-such-thing-here",
                    "rack 12", "k8s"));
            var queries = new ArrayList<Query>();
            for (var term : terms) {
                queries.add(new Query("q=" + encode(term), c -> c.matches(term), BY_NAME, 0));
            }
            Collections.shuffle(queries, new Random(4));
            return queries;
        }

        private List<Query> teamQueries() {
            var queries = new ArrayList<Query>();
            for (var team : GeneratedInventory.TEAMS) {
                queries.add(new Query("team=" + team, c -> team.equals(c.team), BY_NAME, 0));
                queries.add(new Query("team=" + team + "&environment=production",
                        c -> team.equals(c.team) && c.environment.equals("production"), BY_NAME, 0));
            }
            Collections.shuffle(queries, new Random(5));
            return queries;
        }

        private List<Query> sortQueries() {
            return List.of(new Query("sort=class", c -> true, BY_CLASS, 0),
                    new Query("sort=status", c -> true, BY_STATUS, 0),
                    new Query("sort=updated", c -> true, null, 0),
                    new Query("sort=updated&class=server", c -> c.ciClass.equals("server"), null, 0),
                    new Query("sort=status&class=application", c -> c.ciClass.equals("application"), BY_STATUS, 0));
        }

        /** Pages from the second half of the unfiltered list, sorted by name, the last one included. */
        private List<Query> deepPageQueries(int count) {
            int pages = (inventory.cis.size() + PAGE_SIZE - 1) / PAGE_SIZE;
            var queries = new ArrayList<Query>();
            var pick = new Random(6);
            queries.add(new Query("page=" + (pages - 1), c -> true, BY_NAME, pages - 1));
            for (int i = 1; i < count; i++) {
                int page = pages / 2 + pick.nextInt(Math.max(1, pages - pages / 2));
                queries.add(new Query("page=" + page, c -> true, BY_NAME, page));
            }
            return queries;
        }

        private List<Case> shuffled(List<Query> queries) {
            var copy = new ArrayList<>(queries);
            Collections.shuffle(copy, random);
            return copy.stream().map(this::apiCase).toList();
        }

        private record Expected(long total, List<String> names) {
        }

        private Expected expected(Query query) {
            var matching = inventory.cis.stream().filter(query.filter).toList();
            List<String> names = null;
            if (query.order != null) {
                names = matching.stream().sorted(query.order).skip((long) query.page * PAGE_SIZE).limit(PAGE_SIZE)
                        .map(c -> c.name).toList();
            }
            return new Expected(matching.size(), names);
        }

        private Case apiCase(Query query) {
            var expected = expected(query);
            var path = "/api/v1/cis" + (query.query.isEmpty() ? "" : "?" + query.query);
            int items = (int) Math.max(0, Math.min(PAGE_SIZE, expected.total - (long) query.page * PAGE_SIZE));
            return new Case(path, "total %,d".formatted(expected.total), body -> {
                var page = Json.object(body);
                var total = ((Number) page.get("total")).longValue();
                if (total != expected.total) {
                    throw new WrongAnswer("total %d, expected %d".formatted(total, expected.total));
                }
                var list = Json.list(page.get("items"));
                if (list.size() != items) {
                    throw new WrongAnswer("%d items, expected %d".formatted(list.size(), items));
                }
                var names = new ArrayList<String>();
                for (var item : list) {
                    var map = Json.object(item);
                    var ci = byExternalId.get((String) map.get("externalId"));
                    if (ci == null || !ci.name.equals(map.get("name")) || !query.filter.test(ci)) {
                        throw new WrongAnswer("item " + map.get("name") + " does not match the filter");
                    }
                    names.add(ci.name);
                }
                if (expected.names != null && !names.equals(expected.names)) {
                    throw new WrongAnswer("items out of order: got %s..., expected %s...".formatted(
                            names.stream().limit(3).toList(), expected.names.stream().limit(3).toList()));
                }
            });
        }

        private static final Pattern SHOWING = Pattern.compile("Showing (\\d+)\u2013(\\d+) of (\\d+)");
        private static final Pattern ROW_LINK = Pattern.compile("<td><a href=\"/cis/[0-9a-f-]{36}\">([^<]*)</a></td>");

        private Case uiCase(Query query) {
            var expected = expected(query);
            var path = "/cis" + (query.query.isEmpty() ? "" : "?" + query.query);
            int items = (int) Math.max(0, Math.min(PAGE_SIZE, expected.total - (long) query.page * PAGE_SIZE));
            return new Case(path, "total %,d".formatted(expected.total), body -> {
                var showing = SHOWING.matcher(body);
                if (expected.total == 0) {
                    if (!body.contains("No configuration items match")) {
                        throw new WrongAnswer("expected an empty list");
                    }
                    return;
                }
                if (!showing.find()) {
                    throw new WrongAnswer("no 'Showing x–y of n' on the page");
                }
                if (Long.parseLong(showing.group(3)) != expected.total) {
                    throw new WrongAnswer("shows total %s, expected %d".formatted(showing.group(3), expected.total));
                }
                var rows = ROW_LINK.matcher(body);
                var names = new ArrayList<String>();
                while (rows.find()) {
                    names.add(rows.group(1));
                }
                if (names.size() != items) {
                    throw new WrongAnswer("%d rows, expected %d".formatted(names.size(), items));
                }
                if (expected.names != null && !names.equals(expected.names)) {
                    throw new WrongAnswer("rows out of order: got %s..., expected %s...".formatted(
                            names.stream().limit(3).toList(), expected.names.stream().limit(3).toList()));
                }
            });
        }
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP

    private HttpRequest.Builder apiRequest(String path) {
        return HttpRequest.newBuilder(URI.create(options.url + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + options.token).header("Accept", "application/json");
    }

    private HttpRequest.Builder uiRequest(String path) {
        return HttpRequest.newBuilder(URI.create(options.url + path)).timeout(Duration.ofMinutes(2))
                .header("Accept", "text/html");
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        var oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
