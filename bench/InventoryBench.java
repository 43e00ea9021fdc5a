import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The inventory benchmark client: generates a realistic inventory with a fixed seed, imports it
 * into a running Opsline over HTTP, then times the CI list page, the list API with filters and
 * impact analysis, checking every answer against what it generated. Run by {@code bench/inventory};
 * {@code java bench/InventoryBench.java --help} lists the options. No dependencies: JDK 21+ only.
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
            var inventory = Inventory.generate(options);
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

    private void createTeams(Inventory inventory) throws IOException, InterruptedException {
        for (var team : Inventory.TEAMS) {
            var body = "{\"name\":\"" + team + "\",\"description\":\"The " + team + " team\"}";
            var response = send(api, apiRequest("/api/v1/teams").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (response.statusCode() != 201) {
                throw new BenchError("creating team " + team + " answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
        }
        System.out.printf("Created %d teams.%n", Inventory.TEAMS.size());
    }

    private void importCis(Inventory inventory) throws IOException, InterruptedException {
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

    private void importRelationships(Inventory inventory) throws IOException, InterruptedException {
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

    private Roots findRoots(Inventory inventory) throws IOException, InterruptedException {
        return new Roots(idOf(inventory.cis.get(inventory.subgraphRoot)), idOf(inventory.cis.get(inventory.chainStart)),
                idOf(inventory.cis.get(inventory.chainEnd)));
    }

    /** The stored id of a generated CI, found through the list's text search on its external id. */
    @SuppressWarnings("unchecked")
    private String idOf(Inventory.Ci ci) throws IOException, InterruptedException {
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

    private static Case impactCase(Inventory inventory, String id, int root, boolean impacted) {
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
        private final Inventory inventory;
        private final Random random;
        private final Map<String, Inventory.Ci> byExternalId = new HashMap<>();

        Scenarios(Inventory inventory, Random random) {
            this.inventory = inventory;
            this.random = random;
            inventory.cis.forEach(ci -> byExternalId.put(ci.externalId, ci));
        }

        /** A list request: its query, the filter it means, the order it asks for and the page. */
        record Query(String query, Predicate<Inventory.Ci> filter, Comparator<Inventory.Ci> order, int page) {
        }

        static final Comparator<Inventory.Ci> BY_NAME = Comparator.comparing((Inventory.Ci c) -> c.name)
                .thenComparing(c -> c.ciClassConstant());
        static final Comparator<Inventory.Ci> BY_CLASS = Comparator.comparing(Inventory.Ci::ciClassConstant)
                .thenComparing(c -> c.name);
        static final Comparator<Inventory.Ci> BY_STATUS = Comparator.comparing((Inventory.Ci c) -> c.status
                .toUpperCase(Locale.ROOT)).thenComparing(c -> c.name).thenComparing(Inventory.Ci::ciClassConstant);

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
            for (var ciClass : Inventory.CLASSES) {
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
            for (var team : Inventory.TEAMS) {
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

    // ---------------------------------------------------------------------------------------------
    // The generated inventory

    /**
     * A made-up but plausible estate: business services over applications over databases, VMs,
     * servers and network devices in five sites, plus two structures whose impact is known exactly:
     * a data centre in Zurich whose core switch reaches {@code subgraph} CIs, and a chain of
     * {@code chain} microservices each depending on the one before.
     */
    static final class Inventory {

        static final List<String> CLASSES = List.of("business_service", "application", "database", "virtual_machine",
                "server", "network_device", "website");
        static final List<String> TEAMS = List.of("platform", "network", "dba", "payments", "web", "identity",
                "data", "observability", "storage", "security", "mobile", "support");
        static final List<String> SITES = List.of("fra", "ams", "lon", "nyc", "sin");
        static final List<String> TYPES = List.of("depends_on", "runs_on", "connected_to", "part_of");
        static final int DEPENDS_ON = 0;
        static final int RUNS_ON = 1;
        static final int CONNECTED_TO = 2;
        static final int PART_OF = 3;
        private static final Map<String, String> PREFIX = Map.of("business_service", "bsvc", "application", "app",
                "database", "db", "virtual_machine", "vm", "server", "srv", "network_device", "net", "website",
                "web");
        private static final List<String> SERVICE_NAMES = List.of("Online payments", "Customer portal", "Mobile banking",
                "Order fulfilment", "Payroll", "E-mail", "Identity and access", "Data warehouse", "Search",
                "Checkout", "Invoicing", "Support desk", "Logistics tracking", "Partner API", "Video streaming");

        /** One generated CI; fields hold what the CSV row says, normalised as Opsline stores it. */
        static final class Ci {
            final int index;
            final String externalId;
            final String ciClass;
            final String name;
            String status = "active";
            String environment = "production";
            String criticality = "medium";
            String team;
            String location;
            String description;
            String vendor;
            String model;
            String serial;
            String purchaseDate;
            String purchaseCost;
            String warrantyEnd;
            String endOfLife;
            final List<String> tags = new ArrayList<>();
            final List<String> addresses = new ArrayList<>();
            final TreeMap<String, String> attributes = new TreeMap<>();
            private String searchText;

            Ci(int index, String ciClass, String name) {
                this.index = index;
                this.externalId = "ext-%08d".formatted(index);
                this.ciClass = ciClass;
                this.name = name;
            }

            String ciClassConstant() {
                return ciClass.toUpperCase(Locale.ROOT);
            }

            /** Whether the list's text search finds this CI: the fields Opsline searches, lower-cased. */
            boolean matches(String term) {
                if (searchText == null) {
                    var text = new StringBuilder(name).append(' ').append(externalId);
                    for (var value : Arrays.asList(location, vendor, model, serial)) {
                        if (value != null) {
                            text.append(' ').append(value);
                        }
                    }
                    tags.forEach(t -> text.append(' ').append(t));
                    addresses.forEach(a -> text.append(' ').append(a));
                    attributes.values().forEach(v -> text.append(' ').append(v));
                    searchText = text.toString().toLowerCase(Locale.ROOT);
                }
                return searchText.contains(term.toLowerCase(Locale.ROOT));
            }
        }

        final List<Ci> cis = new ArrayList<>();
        private final int[] relSource;
        private final int[] relTarget;
        private final byte[] relType;
        private int relCount;
        private final Set<Long> relKeys = new HashSet<>();
        private final Random random;
        private final Map<String, Integer> counters = new HashMap<>();
        int subgraphRoot;
        int chainStart;
        int chainEnd;
        private int expectedSubgraph;
        private int expectedChain;
        private int[][] impactOut;
        private int[][] impactIn;

        private Inventory(Options options) {
            this.random = new Random(options.seed);
            this.relSource = new int[options.relationships];
            this.relTarget = new int[options.relationships];
            this.relType = new byte[options.relationships];
        }

        static Inventory generate(Options options) {
            var inventory = new Inventory(options);
            inventory.build(options);
            return inventory;
        }

        private void build(Options options) {
            int reach = options.subgraph;
            int chain = options.chain;
            int general = options.cis - (reach + 1) - chain;
            if (general < 2000) {
                throw new BenchError("--cis %d leaves too few CIs beside the chain (%d) and subgraph (%d);"
                        .formatted(options.cis, chain, reach) + " use more CIs or a smaller --chain/--subgraph");
            }
            // The general estate, by class.
            var byClass = new LinkedHashMap<String, List<Integer>>();
            var mix = new LinkedHashMap<String, Double>();
            mix.put("business_service", 0.004);
            mix.put("application", 0.15);
            mix.put("database", 0.05);
            mix.put("server", 0.2);
            mix.put("network_device", 0.05);
            mix.put("website", 0.046);
            int assigned = 0;
            for (var entry : mix.entrySet()) {
                int count = Math.max(1, (int) Math.round(general * entry.getValue()));
                byClass.put(entry.getKey(), addCis(entry.getKey(), count, null));
                assigned += count;
            }
            byClass.put("virtual_machine", addCis("virtual_machine", general - assigned, null));

            // The Zurich data centre: everything reached from its core switch.
            subgraphRoot = addCi("network_device", "zrh");
            var root = cis.get(subgraphRoot);
            root.attributes.put("role", "core");
            root.description = "Core switch of the Zurich data centre";
            root.criticality = "high";
            root.status = "active";
            int access = Math.max(1, (int) Math.round(reach * 0.004));
            int servers = Math.max(1, (int) Math.round(reach * 0.04));
            int services = Math.max(1, (int) Math.round(reach * 0.006));
            int databases = Math.max(1, (int) Math.round(reach * 0.05));
            int apps = Math.max(services, (int) Math.round(reach * 0.3));
            int vms = reach - access - servers - services - databases - apps;
            var zAccess = addCis("network_device", access, "zrh");
            var zServers = addCis("server", servers, "zrh");
            var zVms = addCis("virtual_machine", vms, "zrh");
            var zDatabases = addCis("database", databases, "zrh");
            var zApps = addCis("application", apps, "zrh");
            var zServices = addCis("business_service", services, "zrh");
            expectedSubgraph = reach;

            // The chain: svc 0 <- svc 1 <- ... ; its last link is a business service.
            var chainIds = addCis("application", chain - 1, "ber");
            chainIds.add(addCi("business_service", "ber"));
            chainStart = chainIds.getFirst();
            chainEnd = chainIds.getLast();
            expectedChain = chain - 1;

            // Relationships of the chain and the data centre first, then the general estate.
            for (int i = 1; i < chainIds.size(); i++) {
                relate(chainIds.get(i), i % 5 == 0 ? RUNS_ON : DEPENDS_ON, chainIds.get(i - 1));
            }
            zAccess.forEach(a -> relate(a, CONNECTED_TO, subgraphRoot));
            for (int i = 0; i < zServers.size(); i++) {
                relate(zServers.get(i), CONNECTED_TO, zAccess.get(i % access));
                if (access > 1 && random.nextBoolean()) {
                    relate(zServers.get(i), CONNECTED_TO, zAccess.get((i + 1) % access));
                }
            }
            zVms.forEach(vm -> relate(vm, RUNS_ON, pick(zServers)));
            zDatabases.forEach(db -> relate(db, RUNS_ON, pick(zVms)));
            for (int i = 0; i < zApps.size(); i++) {
                var app = zApps.get(i);
                relate(app, RUNS_ON, pick(zVms));
                if (random.nextInt(10) < 4) {
                    relate(app, RUNS_ON, pick(zVms));
                }
                if (random.nextInt(10) < 7) {
                    relate(app, DEPENDS_ON, pick(zDatabases));
                }
                if (random.nextInt(10) < 2) {
                    // Shared databases elsewhere: failure comes in from outside, never goes out.
                    relate(app, DEPENDS_ON, pick(byClass.get("database")));
                }
                relate(app, PART_OF, zServices.get(i % services));
            }

            var nets = byClass.get("network_device");
            var srvs = byClass.get("server");
            var vmList = byClass.get("virtual_machine");
            var dbs = byClass.get("database");
            var appList = byClass.get("application");
            var webs = byClass.get("website");
            var bss = byClass.get("business_service");
            for (int i = 1; i < nets.size(); i++) {
                relate(nets.get(i), CONNECTED_TO, nets.get((i - 1) / 8));
            }
            srvs.forEach(s -> {
                relate(s, CONNECTED_TO, pick(nets));
                relate(s, CONNECTED_TO, pick(nets));
            });
            vmList.forEach(vm -> relate(vm, RUNS_ON, pick(srvs)));
            dbs.forEach(db -> relate(db, RUNS_ON, pick(vmList)));
            appList.forEach(app -> {
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    relate(app, RUNS_ON, pick(vmList));
                }
                for (int k = 1 + random.nextInt(2); k > 0; k--) {
                    relate(app, DEPENDS_ON, pick(dbs));
                }
                relate(app, PART_OF, pick(bss));
            });
            webs.forEach(web -> relate(web, DEPENDS_ON, pick(appList)));
            if (relCount > relSource.length) {
                throw new BenchError("--relationships %d is too few: the estate's structure alone needs %d"
                        .formatted(relSource.length, relCount));
            }
            while (relCount < relSource.length) {
                int kind = random.nextInt(100);
                if (kind < 45) {
                    relate(pick(appList), DEPENDS_ON, pick(appList));
                } else if (kind < 70) {
                    relate(pick(vmList), CONNECTED_TO, pick(nets));
                } else if (kind < 85) {
                    relate(pick(appList), DEPENDS_ON, pick(dbs));
                } else if (kind < 95) {
                    relate(pick(webs), DEPENDS_ON, pick(appList));
                } else {
                    relate(pick(dbs), DEPENDS_ON, pick(dbs));
                }
            }
        }

        private int pick(List<Integer> from) {
            return from.get(random.nextInt(from.size()));
        }

        private List<Integer> addCis(String ciClass, int count, String site) {
            var ids = new ArrayList<Integer>(count);
            for (int i = 0; i < count; i++) {
                ids.add(addCi(ciClass, site != null ? site : SITES.get(i % SITES.size())));
            }
            return ids;
        }

        /** Adds one CI with plausible fields; names are prefix-site-number so every collation sorts them alike. */
        private int addCi(String ciClass, String site) {
            var prefix = site.equals("ber") && ciClass.equals("application") ? "svc" : PREFIX.get(ciClass);
            var key = prefix + "-" + site;
            int number = counters.merge(key, 1, Integer::sum);
            var ci = new Ci(cis.size(), ciClass, "%s-%s-%06d".formatted(prefix, site, number));
            var r = random;
            ci.status = weighted(r, "active", 80, "maintenance", 5, "planned", 7, "retired", 8);
            ci.environment = weighted(r, "production", 60, "staging", 15, "test", 15, "development", 10);
            ci.criticality = weighted(r, "high", 20, "medium", 50, "low", 30);
            ci.team = r.nextInt(10) < 7 ? TEAMS.get(r.nextInt(TEAMS.size())) : null;
            var tags = new java.util.TreeSet<String>();
            tags.add("site:" + site);
            var domain = site + ".example.net";
            switch (ciClass) {
                case "server" -> {
                    ci.location = "%s-dc1 / row %d / rack %d".formatted(site, 1 + r.nextInt(20), 1 + r.nextInt(40));
                    hardware(ci, r, List.of("Dell", "HPE", "Lenovo", "Supermicro"),
                            List.of("PowerEdge R750", "ProLiant DL380 Gen10", "ThinkSystem SR650", "SYS-1029P"));
                    operatingSystem(ci, r, tags);
                    ci.attributes.put("cpu_cores", String.valueOf(16 << r.nextInt(3)));
                    ci.attributes.put("memory_gb", String.valueOf(128 << r.nextInt(3)));
                    ci.addresses.add(ip(ci.index));
                    ci.addresses.add(ci.name + "." + domain);
                }
                case "virtual_machine" -> {
                    ci.location = site;
                    operatingSystem(ci, r, tags);
                    ci.attributes.put("cpu_cores", String.valueOf(1 << r.nextInt(4)));
                    ci.attributes.put("memory_gb", String.valueOf(2 << r.nextInt(5)));
                    ci.attributes.put("hypervisor", r.nextBoolean() ? "vmware" : "kvm");
                    ci.addresses.add(ip(ci.index));
                    if (r.nextBoolean()) {
                        ci.addresses.add(ci.name + "." + domain);
                    }
                }
                case "network_device" -> {
                    ci.location = "%s-dc1 / row %d / rack %d".formatted(site, 1 + r.nextInt(20), 1 + r.nextInt(40));
                    hardware(ci, r, List.of("Cisco", "Juniper", "Arista"),
                            List.of("Nexus 9300", "QFX5120", "7050X3", "Catalyst 9500"));
                    ci.attributes.putIfAbsent("role", r.nextInt(4) == 0 ? "firewall" : "access");
                    ci.attributes.put("firmware", "%d.%d.%d".formatted(9 + r.nextInt(8), r.nextInt(10), r.nextInt(20)));
                    ci.addresses.add(ip(ci.index));
                }
                case "database" -> {
                    ci.location = site;
                    var engine = List.of("postgresql", "oracle", "mysql", "mssql").get(r.nextInt(4));
                    ci.attributes.put("engine", engine);
                    ci.attributes.put("engine_version", "%d.%d".formatted(10 + r.nextInt(9), r.nextInt(10)));
                    ci.attributes.put("port", engine.equals("oracle") ? "1521" : engine.equals("mssql") ? "1433"
                            : engine.equals("mysql") ? "3306" : "5432");
                    ci.addresses.add(ci.name + "." + domain);
                    if (r.nextInt(3) == 0) {
                        tags.add("backup-daily");
                    }
                }
                case "application" -> {
                    ci.attributes.put("runtime", List.of("java", "python", "go", "node", "dotnet").get(r.nextInt(5)));
                    ci.attributes.put("version", "%d.%d.%d".formatted(r.nextInt(5), r.nextInt(30), r.nextInt(10)));
                    ci.attributes.put("repository", "git.example.net/" + (ci.team == null ? "misc" : ci.team) + "/"
                            + ci.name);
                    if (r.nextInt(3) == 0) {
                        tags.add("k8s");
                    }
                }
                case "website" -> {
                    var host = ci.name + ".example.com";
                    ci.addresses.add(host);
                    ci.attributes.put("url", "https://" + host + "/");
                }
                case "business_service" -> {
                    ci.description = SERVICE_NAMES.get(r.nextInt(SERVICE_NAMES.size())) + " for " + site;
                    ci.criticality = r.nextInt(3) == 0 ? "medium" : "high";
                    tags.add("customer-facing");
                }
                default -> throw new IllegalStateException(ciClass);
            }
            for (var tag : List.of("pci", "gdpr", "dmz", "monitored", "legacy", "backup-weekly", "internal")) {
                if (r.nextInt(100) < (tag.equals("monitored") ? 60 : 8)) {
                    tags.add(tag);
                }
            }
            if (ci.description == null && r.nextInt(4) == 0) {
                ci.description = "Managed by " + (ci.team == null ? "nobody yet" : "the " + ci.team + " team")
                        + ", see the runbook, \"section 4\"";
            }
            ci.tags.addAll(tags);
            Collections.sort(ci.addresses);
            cis.add(ci);
            return ci.index;
        }

        private static void hardware(Ci ci, Random r, List<String> vendors, List<String> models) {
            int v = r.nextInt(vendors.size());
            ci.vendor = vendors.get(v);
            ci.model = models.get(Math.min(v, models.size() - 1));
            ci.serial = "SN-%08X".formatted(r.nextInt() & 0x7fffffff);
            var bought = LocalDate.of(2017, 1, 1).plusDays(r.nextInt(2500));
            ci.purchaseDate = bought.toString();
            ci.purchaseCost = "%d.%02d".formatted(2000 + r.nextInt(30000), r.nextInt(100));
            ci.warrantyEnd = bought.plusYears(3 + r.nextInt(3)).toString();
            ci.endOfLife = bought.plusYears(7).toString();
        }

        private static void operatingSystem(Ci ci, Random r, Set<String> tags) {
            var os = List.of("ubuntu", "rhel", "debian", "windows").get(r.nextInt(4));
            ci.attributes.put("os", os);
            ci.attributes.put("os_version", switch (os) {
                case "ubuntu" -> List.of("20.04", "22.04", "24.04").get(r.nextInt(3));
                case "rhel" -> List.of("8.9", "9.3").get(r.nextInt(2));
                case "debian" -> List.of("11", "12").get(r.nextInt(2));
                default -> List.of("2019", "2022").get(r.nextInt(2));
            });
            tags.add(os.equals("windows") ? "windows" : "linux");
        }

        private static String ip(int index) {
            return "10.%d.%d.%d".formatted((index >> 16) & 255, (index >> 8) & 255, index & 255);
        }

        private static String weighted(Random r, Object... choices) {
            int total = 0;
            for (int i = 1; i < choices.length; i += 2) {
                total += (Integer) choices[i];
            }
            int x = r.nextInt(total);
            for (int i = 0; i < choices.length; i += 2) {
                x -= (Integer) choices[i + 1];
                if (x < 0) {
                    return (String) choices[i];
                }
            }
            throw new IllegalStateException();
        }

        /** Adds a relationship unless it exists already or would exceed the requested count. */
        private void relate(int source, int type, int target) {
            if (source == target) {
                return;
            }
            long key = ((long) source * cis.size() + target) * 4 + type;
            if (!relKeys.add(key)) {
                return;
            }
            if (relCount < relSource.length) {
                relSource[relCount] = source;
                relTarget[relCount] = target;
                relType[relCount] = (byte) type;
            }
            relCount++;
        }

        int relationshipCount() {
            return relCount;
        }

        List<String> tagsInUse() {
            var tags = new java.util.TreeSet<String>();
            cis.forEach(ci -> tags.addAll(ci.tags));
            return new ArrayList<>(tags);
        }

        String classSummary() {
            var counts = new TreeMap<String, Integer>();
            cis.forEach(ci -> counts.merge(ci.ciClass, 1, Integer::sum));
            var text = new StringBuilder();
            counts.forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append("%,d %s".formatted(v, k)));
            return text.toString();
        }

        /** Makes sure the structures have the sizes they were built to have, so the server is checked against truth. */
        void selfCheck() {
            var subgraph = reach(subgraphRoot, true).size();
            var chain = reach(chainStart, true).size();
            var chainBack = reach(chainEnd, false).size();
            if (subgraph != expectedSubgraph || chain != expectedChain || chainBack != expectedChain) {
                throw new BenchError("generator bug: subgraph %d (want %d), chain %d/%d (want %d)".formatted(subgraph,
                        expectedSubgraph, chain, chainBack, expectedChain));
            }
            System.out.printf("  impact sizes: Zurich core switch reaches %,d CIs; chain of %,d links (%,d each way)%n",
                    subgraph, chain + 1, chain);
        }

        /**
         * Every CI reached from {@code root} with its shortest distance, following failure downstream
         * (impacted) or upstream (dependencies), as Opsline defines it.
         */
        Map<Integer, Integer> reach(int root, boolean impacted) {
            if (impactOut == null) {
                int n = cis.size();
                var outDegree = new int[n];
                var inDegree = new int[n];
                for (int i = 0; i < relCount; i++) {
                    outDegree[impactFrom(i)]++;
                    inDegree[impactTo(i)]++;
                }
                impactOut = new int[n][];
                impactIn = new int[n][];
                for (int i = 0; i < n; i++) {
                    impactOut[i] = new int[outDegree[i]];
                    impactIn[i] = new int[inDegree[i]];
                }
                Arrays.fill(outDegree, 0);
                Arrays.fill(inDegree, 0);
                for (int i = 0; i < relCount; i++) {
                    int from = impactFrom(i);
                    int to = impactTo(i);
                    impactOut[from][outDegree[from]++] = to;
                    impactIn[to][inDegree[to]++] = from;
                }
            }
            var graph = impacted ? impactOut : impactIn;
            var depth = new HashMap<Integer, Integer>();
            depth.put(root, 0);
            var queue = new ArrayDeque<Integer>();
            queue.add(root);
            while (!queue.isEmpty()) {
                int current = queue.poll();
                int next = depth.get(current) + 1;
                for (int to : graph[current]) {
                    if (!depth.containsKey(to)) {
                        depth.put(to, next);
                        queue.add(to);
                    }
                }
            }
            depth.remove(root);
            return depth;
        }

        /** part_of: a failing part impacts its whole; every other type: a failing target impacts its source. */
        private int impactFrom(int rel) {
            return relType[rel] == PART_OF ? relSource[rel] : relTarget[rel];
        }

        private int impactTo(int rel) {
            return relType[rel] == PART_OF ? relTarget[rel] : relSource[rel];
        }

        static final List<String> CI_COLUMNS = List.of("external_id", "class", "name", "status", "environment",
                "criticality", "owner_team", "location", "description", "tags", "addresses", "vendor", "model",
                "serial_number", "purchase_date", "purchase_cost", "warranty_end", "end_of_life");

        byte[] ciCsv(int from, int to) {
            var attributeNames = new java.util.TreeSet<String>();
            cis.forEach(ci -> attributeNames.addAll(ci.attributes.keySet()));
            var out = new StringBuilder(400 * (to - from));
            var header = new ArrayList<>(CI_COLUMNS);
            attributeNames.forEach(a -> header.add("attr." + a));
            out.append(String.join(",", header)).append("\r\n");
            for (var ci : cis.subList(from, to)) {
                var cells = new ArrayList<String>(Arrays.asList(ci.externalId, ci.ciClass, ci.name, ci.status,
                        ci.environment, ci.criticality, ci.team, ci.location, ci.description, String.join(";", ci.tags),
                        String.join(";", ci.addresses), ci.vendor, ci.model, ci.serial, ci.purchaseDate,
                        ci.purchaseCost, ci.warrantyEnd, ci.endOfLife));
                attributeNames.forEach(a -> cells.add(ci.attributes.get(a)));
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    csvCell(out, cells.get(i));
                }
                out.append("\r\n");
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        byte[] relationshipCsv() {
            var out = new StringBuilder(40 * relCount);
            out.append("source_external_id,type,target_external_id\r\n");
            for (int i = 0; i < relCount; i++) {
                out.append(cis.get(relSource[i]).externalId).append(',').append(TYPES.get(relType[i])).append(',')
                        .append(cis.get(relTarget[i]).externalId).append("\r\n");
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static void csvCell(StringBuilder out, String value) {
            if (value == null) {
                return;
            }
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                out.append(value);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Results: key=value lines, and the side-by-side table

    static final class Results {
        private final Map<String, String> values = new LinkedHashMap<>();

        void put(String key, Object value) {
            values.put(key, String.valueOf(value).replace('\n', ' '));
        }

        void write(Path file) throws IOException {
            var text = new StringBuilder();
            values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(file, text);
        }

        static Map<String, String> read(Path file) throws IOException {
            var map = new LinkedHashMap<String, String>();
            for (var line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    map.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return map;
        }
    }

    /** What is measured, how it is shown and the target it is held to. */
    record Metric(String id, String label, String target, double limit, boolean duration) {
    }

    static List<Metric> metrics(Map<String, String> meta) {
        var cis = "%,d".formatted(Long.parseLong(meta.getOrDefault("meta.cis", "0")));
        var rels = "%,d".formatted(Long.parseLong(meta.getOrDefault("meta.relationships", "0")));
        var subgraph = "%,d".formatted(Long.parseLong(meta.getOrDefault("meta.subgraph", "0")));
        var chain = "%,d".formatted(Long.parseLong(meta.getOrDefault("meta.chain", "0")));
        return List.of(
                new Metric("import.cis", "Import " + cis + " CIs (CSV)", "< 60 s", 60, true),
                new Metric("import.relationships", "Import " + rels + " relationships (CSV)", "-", 0, true),
                new Metric("ui.list", "UI /cis, first page", "p99 < 100 ms", 100, false),
                new Metric("ui.filtered", "UI /cis, filters/sorts/deep pages", "p99 < 100 ms", 100, false),
                new Metric("api.all", "API /cis, no filter", "p99 < 100 ms", 100, false),
                new Metric("api.class_status", "API class + status", "p99 < 100 ms", 100, false),
                new Metric("api.tag", "API tag", "p99 < 100 ms", 100, false),
                new Metric("api.text", "API text search q=", "p99 < 100 ms", 100, false),
                new Metric("api.team", "API team (+ environment)", "p99 < 100 ms", 100, false),
                new Metric("api.combined", "API combined filters", "p99 < 100 ms", 100, false),
                new Metric("api.sort", "API sort class/status/updated", "p99 < 100 ms", 100, false),
                new Metric("api.deep_page", "API deep pages (2nd half)", "p99 < 100 ms", 100, false),
                new Metric("impact.subgraph", "Impact, " + subgraph + "-node subgraph", "p99 < 500 ms", 500, false),
                new Metric("impact.chain", "Impact, " + chain + "-CI chain, from start", "p99 < 500 ms", 500, false),
                new Metric("impact.chain_deps", "Dependencies, chain end", "p99 < 500 ms", 500, false));
    }

    static final class ResultTable {

        static void print(List<String> files) throws IOException {
            var engines = new ArrayList<Map<String, String>>();
            for (var file : files) {
                var path = Path.of(file);
                if (Files.exists(path)) {
                    engines.add(Results.read(path));
                }
            }
            if (engines.isEmpty()) {
                System.out.println("No results to show.");
                return;
            }
            var first = engines.getFirst();
            System.out.printf("%nOpsline inventory benchmark: %s CIs, %s relationships; %s%n",
                    "%,d".formatted(Long.parseLong(first.getOrDefault("meta.cis", "0"))),
                    "%,d".formatted(Long.parseLong(first.getOrDefault("meta.relationships", "0"))),
                    first.getOrDefault("meta.machine", "?"));
            System.out.printf("Latencies in ms over %s requests per list scenario and %s per impact scenario, one at a"
                    + " time, after warm-up; verdicts hold p99 to the target.%n%n",
                    first.getOrDefault("meta.requests", "?"), first.getOrDefault("meta.impact_requests", "?"));
            var line = new StringBuilder("%-40s %-13s".formatted("", ""));
            var sub = new StringBuilder("%-40s %-13s".formatted("Measurement", "Target"));
            for (var engine : engines) {
                line.append(" | %-32s".formatted(engine.getOrDefault("engine", "?")));
                sub.append(" | %7s %7s %7s %-8s".formatted("p50", "p99", "max", "verdict"));
            }
            System.out.println(line);
            System.out.println(sub);
            System.out.println("-".repeat(sub.length()));
            var checks = new ArrayList<String>();
            for (var metric : metrics(first)) {
                var row = new StringBuilder("%-40s %-13s".formatted(metric.label, metric.target));
                for (var engine : engines) {
                    row.append(" | ").append(cell(metric, engine));
                }
                System.out.println(row);
            }
            System.out.println();
            System.out.println("Checks (every answer was compared with the generated data):");
            for (var metric : metrics(first)) {
                var text = new StringBuilder("  %-22s".formatted(metric.id));
                var parts = new ArrayList<String>();
                for (var engine : engines) {
                    var check = engine.get(metric.id + ".check");
                    var wrong = engine.get(metric.id + ".wrong");
                    parts.add(engine.getOrDefault("engine", "?") + ": " + (wrong != null ? "WRONG: " + wrong
                            : check != null ? check + (engine.containsKey(metric.id + ".ok") ? " ok" : "")
                            : "not run"));
                }
                checks.add(text.append(String.join("; ", parts)).toString());
            }
            checks.forEach(System.out::println);
            System.out.println();
            for (var engine : engines) {
                System.out.printf("Load average (1 min) on %s: %s at the start, %s when measuring began, %s at the end (%s).%n",
                        engine.getOrDefault("engine", "?"), engine.getOrDefault("meta.load_start", "?"),
                        engine.getOrDefault("meta.load_measuring", "?"),
                        engine.getOrDefault("meta.load_end", "?"), "above the core count means other work"
                                + " competed for the CPU and the figures are slower than on an idle machine");
            }
            for (var engine : engines) {
                if (engine.containsKey("error")) {
                    System.out.println("ERROR on " + engine.get("engine") + ": " + engine.get("error"));
                }
            }
        }

        private static String cell(Metric metric, Map<String, String> engine) {
            var verdict = verdict(metric, engine);
            if (metric.duration) {
                var secs = engine.get(metric.id + ".seconds");
                var shown = secs == null ? "-" : "%.1f s".formatted(Double.parseDouble(secs));
                return "%23s %-8s".formatted(shown, verdict);
            }
            var p50 = engine.get(metric.id + ".p50");
            if (p50 == null) {
                return "%7s %7s %7s %-8s".formatted("-", "-", "-", verdict);
            }
            return "%7.1f %7.1f %7.1f %-8s".formatted(Double.parseDouble(p50),
                    Double.parseDouble(engine.get(metric.id + ".p99")), Double.parseDouble(engine.get(metric.id + ".max")),
                    verdict);
        }

        private static String verdict(Metric metric, Map<String, String> engine) {
            if (engine.containsKey(metric.id + ".wrong")) {
                return "WRONG";
            }
            var value = engine.get(metric.id + (metric.duration ? ".seconds" : ".p99"));
            if (value == null) {
                return engine.containsKey("error") ? "ERROR" : "-";
            }
            if (metric.limit <= 0) {
                return "";
            }
            return Double.parseDouble(value) < metric.limit ? "PASS" : "MISS";
        }
    }

    /** Cores, memory and CPU of this machine, for the heading. */
    static final class Machine {
        static String describe() {
            var cores = Runtime.getRuntime().availableProcessors();
            String memory = "?";
            String cpu = "?";
            try {
                for (var l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (l.startsWith("MemTotal:")) {
                        memory = Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB";
                    }
                }
                for (var l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (l.startsWith("model name")) {
                        cpu = l.substring(l.indexOf(':') + 1).strip();
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux: the heading says less.
            }
            return "%d cores, %s, %s, Java %s".formatted(cores, memory, cpu, Runtime.version().feature());
        }

        /** The 1-minute load average, to tell whether other work on the machine competed with the run. */
        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException | RuntimeException e) {
                return "?";
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // A small JSON reader: objects, arrays, strings, numbers, booleans, null.

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            var json = new Json(text);
            var value = json.value();
            json.space();
            if (json.i != text.length()) {
                throw new IllegalArgumentException("trailing text at " + json.i);
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object value) {
            if (value instanceof String text) {
                value = parse(text);
            }
            return (Map<String, Object>) value;
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object value) {
            return (List<Object>) value;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    var map = new LinkedHashMap<String, Object>();
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        space();
                        var key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                        char next = s.charAt(i++);
                        if (next == '}') {
                            return map;
                        }
                        if (next != ',') {
                            throw new IllegalArgumentException("expected , or } at " + (i - 1));
                        }
                    }
                }
                case '[' -> {
                    i++;
                    var list = new ArrayList<Object>();
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        space();
                        char next = s.charAt(i++);
                        if (next == ']') {
                            return list;
                        }
                        if (next != ',') {
                            throw new IllegalArgumentException("expected , or ] at " + (i - 1));
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    i += 4;
                    return Boolean.TRUE;
                }
                case 'f' -> {
                    i += 5;
                    return Boolean.FALSE;
                }
                case 'n' -> {
                    i += 4;
                    return null;
                }
                default -> {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    var number = s.substring(start, i);
                    if (number.isEmpty()) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + start);
                    }
                    return number.contains(".") || number.contains("e") || number.contains("E")
                            ? (Object) Double.parseDouble(number) : (Object) Long.parseLong(number);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + i);
            }
            i++;
        }

        private String string() {
            expect('"');
            var out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
        }
    }
}
