import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The service-desk benchmark's client (see bench/README.md, "Service-desk benchmark"). Against an Opsline
 * on PostgreSQL it makes teams, people and CIs through the API, loads the incidents straight into the
 * database with psql's \copy (loading is not what is measured), then has N users ask for incident lists
 * with filters and for the service-desk report at once, each as fast as answers come, and prints
 * p50/p99/max per kind of request. Every answer is checked: list items must match their filter, totals
 * must agree with the report's backlog. A fast wrong answer is a failure.
 */
public final class ServiceDeskBench {

    private static final String[] PRIORITY_PAIRS = {
            // impact,urgency giving P1, P2, P3, P4 with the default matrix
            "HIGH:HIGH", "HIGH:MEDIUM", "MEDIUM:MEDIUM", "LOW:LOW"};
    private static final double[] PRIORITY_SHARE = {0.03, 0.12, 0.45, 0.40};
    private static final String[] WORDS = {"disk", "checkout", "vpn", "printer", "latency", "backup", "certificate",
            "login", "database", "timeout", "memory", "replication", "dns", "mail", "queue", "firewall"};

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String url;
    private final String token;
    private final Random random;

    private final List<String> teamIds = new ArrayList<>();
    private final Map<String, List<String>> membersByTeam = new HashMap<>();
    private final List<String> serviceIds = new ArrayList<>();
    private final List<String> ciIds = new ArrayList<>();
    private final Map<String, String> serviceOfCi = new HashMap<>();
    private final List<String> requesterIds = new ArrayList<>();

    private ServiceDeskBench(Map<String, String> options) {
        this.options = options;
        this.url = options.get("url");
        this.token = options.get("token");
        this.random = new Random(Long.parseLong(options.getOrDefault("seed", "42")));
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (var i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var bench = new ServiceDeskBench(options);
        System.out.println("Machine: " + Machine.describe());
        bench.setUp();
        bench.load();
        var ok = true;
        // Each pause in turn over the same incidents: people reading between requests, then none.
        for (var think : options.getOrDefault("think-ms", "1000,0").split(",")) {
            ok &= bench.measure(Long.parseLong(think.strip()));
        }
        System.exit(ok ? 0 : 1);
    }

    // --- Set-up through the API ------------------------------------------------------------------------

    private void setUp() throws Exception {
        var started = System.nanoTime();
        var teams = Integer.parseInt(options.getOrDefault("teams", "12"));
        var run = Long.toString(System.currentTimeMillis() % 100000, 36);
        for (var t = 0; t < teams; t++) {
            var team = Json.object(post("/api/v1/teams", "{\"name\":\"bench-team-" + run + "-" + t + "\"}"));
            var teamId = (String) team.get("id");
            teamIds.add(teamId);
            var members = new ArrayList<String>();
            for (var m = 0; m < 5; m++) {
                var user = Json.object(post("/api/v1/users", """
                        {"username":"bench-op-%s-%d-%d","role":"operator","password":"bench-password-%s","teams":["%s"]}"""
                        .formatted(run, t, m, UUID.randomUUID(), teamId)));
                members.add((String) user.get("id"));
            }
            membersByTeam.put(teamId, members);
        }
        for (var r = 0; r < 50; r++) {
            var user = Json.object(post("/api/v1/users", """
                    {"username":"bench-req-%s-%d","role":"requester","password":"bench-password-%s"}"""
                    .formatted(run, r, UUID.randomUUID())));
            requesterIds.add((String) user.get("id"));
        }
        var services = Integer.parseInt(options.getOrDefault("services", "40"));
        for (var s = 0; s < services; s++) {
            var service = ci("business_service", "bench-service-" + run + "-" + s);
            serviceIds.add(service);
            for (var a = 0; a < 10; a++) {
                var app = ci("application", "bench-app-" + run + "-" + s + "-" + a);
                var server = ci("server", "bench-srv-" + run + "-" + s + "-" + a);
                relate(service, "depends_on", app);
                relate(app, "runs_on", server);
                ciIds.add(app);
                ciIds.add(server);
                serviceOfCi.put(app, service);
                serviceOfCi.put(server, service);
            }
        }
        System.out.printf(Locale.ROOT, "Set-up: %d teams, %d operators, %d requesters, %d services, %d CIs in %.1f s%n",
                teamIds.size(), teamIds.size() * 5, requesterIds.size(), serviceIds.size(), ciIds.size(),
                (System.nanoTime() - started) / 1e9);
    }

    private String ci(String ciClass, String name) throws Exception {
        return (String) Json.object(post("/api/v1/cis", "{\"class\":\"" + ciClass + "\",\"name\":\"" + name + "\"}"))
                .get("id");
    }

    private void relate(String source, String type, String target) throws Exception {
        post("/api/v1/relationships", "{\"source\":\"" + source + "\",\"type\":\"" + type + "\",\"target\":\""
                + target + "\"}");
    }

    // --- Loading the incidents ----------------------------------------------------------------------------

    private void load() throws Exception {
        var count = Integer.parseInt(options.getOrDefault("incidents", "200000"));
        var days = Integer.parseInt(options.getOrDefault("days", "730"));
        var started = System.nanoTime();
        var dir = Files.createTempDirectory("opsline-bench-incidents");
        var incidents = dir.resolve("incident.csv");
        var cis = dir.resolve("incident_ci.csv");
        var services = dir.resolve("incident_service.csv");
        var entries = dir.resolve("incident_entry.csv");
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (var i = Files.newBufferedWriter(incidents); var c = Files.newBufferedWriter(cis);
                var s = Files.newBufferedWriter(services); var e = Files.newBufferedWriter(entries)) {
            for (var n = 1; n <= count; n++) {
                writeIncident(n, count, now, days, i, c, s, e);
            }
        }
        psql("\\copy incident (id, number, title, description, caller_id, opened_by, opened_through, category, impact,"
                + " urgency, priority, major, state, hold_reason, resolution_code, resolution_notes, team_id, assignee_id,"
                + " started_at, created_at, updated_at, responded_at, resolved_at, closed_at, version) FROM '"
                + incidents + "' CSV");
        psql("\\copy incident_ci (incident_id, ci_id) FROM '" + cis + "' CSV");
        psql("\\copy incident_service (incident_id, service_id) FROM '" + services + "' CSV");
        psql("\\copy incident_entry (id, incident_id, at, kind, actor, visible_to_caller, body, from_value, to_value)"
                + " FROM '" + entries + "' CSV");
        psql("SELECT setval('incident_number_seq', " + count + ")");
        psql("ANALYZE");
        for (var f : List.of(incidents, cis, services, entries)) {
            Files.delete(f);
        }
        Files.delete(dir);
        System.out.printf(Locale.ROOT, "Loaded %,d incidents (%d days, with CIs, services and 3 timeline entries each)"
                + " in %.1f s%n", count, days, (System.nanoTime() - started) / 1e9);
    }

    private void writeIncident(int number, int count, Instant now, int days, BufferedWriter incidents, BufferedWriter cis,
            BufferedWriter services, BufferedWriter entries) throws IOException {
        var id = UUID.randomUUID();
        // Opened in number order, as a desk opens them, a few minutes apart at random.
        var span = (long) days * 86400;
        var created = now.minusSeconds(Math.max(0, span - span * number / count - random.nextInt(600)));
        var priority = pick(PRIORITY_SHARE);
        var pair = PRIORITY_PAIRS[priority].split(":");
        var fromAlert = random.nextDouble() < 0.3;
        var started = fromAlert ? created.minusSeconds(random.nextInt(1800)) : created;
        var age = Duration.between(created, now).toDays();
        // Older incidents are done; of the last two weeks' a share is still open.
        String state;
        if (age > 14) {
            state = random.nextDouble() < 0.97 ? "CLOSED" : (random.nextDouble() < 0.5 ? "RESOLVED" : "IN_PROGRESS");
        } else {
            var roll = random.nextDouble();
            state = roll < 0.25 ? "NEW" : roll < 0.5 ? "IN_PROGRESS" : roll < 0.6 ? "ON_HOLD" : roll < 0.9 ? "RESOLVED"
                    : "CLOSED";
        }
        var responseMinutes = exponential(new double[] {10, 30, 120, 480}[priority]);
        var resolutionMinutes = responseMinutes + exponential(new double[] {120, 480, 1440, 4320}[priority]);
        var responded = state.equals("NEW") ? null : cap(started.plusSeconds((long) (responseMinutes * 60)), now);
        var resolved = state.equals("RESOLVED") || state.equals("CLOSED")
                ? cap(started.plusSeconds((long) (resolutionMinutes * 60)), now) : null;
        if (resolved != null && responded != null && resolved.isBefore(responded)) {
            resolved = responded;
        }
        var closed = state.equals("CLOSED") ? cap(resolved.plus(Duration.ofDays(7)), now) : null;
        var teamId = random.nextDouble() < 0.9 ? teamIds.get(random.nextInt(teamIds.size())) : null;
        var assignee = teamId != null && random.nextDouble() < 0.7
                ? membersByTeam.get(teamId).get(random.nextInt(5)) : null;
        var caller = random.nextDouble() < 0.5 ? requesterIds.get(random.nextInt(requesterIds.size())) : null;
        var word = WORDS[random.nextInt(WORDS.length)];
        var title = Character.toUpperCase(word.charAt(0)) + word.substring(1) + " problem " + number;
        var updated = closed != null ? closed : resolved != null ? resolved : responded != null ? responded : created;
        incidents.write(String.join(",", id.toString(), Integer.toString(number), title, "Seeded by the benchmark",
                nullable(caller), "bench", fromAlert ? "ALERT" : "API", "Software", Integer.toString(rank(pair[0])),
                Integer.toString(rank(pair[1])), Integer.toString(priority + 1), random.nextDouble() < 0.01 ? "t" : "f",
                state, state.equals("ON_HOLD") ? "AWAITING_VENDOR" : "",
                resolved != null ? "SOLVED_PERMANENTLY" : "", resolved != null ? "Fixed" : "", nullable(teamId),
                nullable(assignee), started.toString(), created.toString(), updated.toString(), nullable(responded),
                nullable(resolved), nullable(closed), "2"));
        incidents.newLine();
        if (random.nextDouble() < 0.85) {
            var ci = ciIds.get(random.nextInt(ciIds.size()));
            cis.write(id + "," + ci);
            cis.newLine();
            services.write(id + "," + serviceOfCi.get(ci));
            services.newLine();
        }
        entry(entries, id, created, "CREATED", true, "Opened");
        entry(entries, id, responded != null ? responded : created, "STATE", true, null);
        entry(entries, id, updated, "WORK_NOTE", false, "Looked at " + word);
    }

    private static void entry(BufferedWriter out, UUID incident, Instant at, String kind, boolean visible, String body)
            throws IOException {
        out.write(String.join(",", UUID.randomUUID().toString(), incident.toString(), at.toString(), kind, "bench",
                visible ? "t" : "f", body == null ? "" : body, "", ""));
        out.newLine();
    }

    private void psql(String command) throws Exception {
        var process = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", options.get("psql"), "-c", command)
                .redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + command + "\n" + output);
        }
    }

    // --- Measuring -----------------------------------------------------------------------------------------

    /** One kind of request: how to make its address, and what every item of a list answer must satisfy. */
    private record Scenario(String group, String name, java.util.function.Supplier<String> path,
            Predicate<Map<String, Object>> item) {
    }

    private boolean measure(long thinkMillis) throws Exception {
        var users = Integer.parseInt(options.getOrDefault("users", "50"));
        var warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "20")));
        var window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("measure", "60")));
        var scenarios = scenarios();
        var latencies = new ConcurrentHashMap<String, List<Long>>();
        var errors = new AtomicLong();
        var wrong = new ConcurrentHashMap<String, String>();
        var measuring = new AtomicBoolean(false);
        var stop = new AtomicBoolean(false);
        var done = new CountDownLatch(users);
        // The open backlog as the report and as the open-queue list count it: the two must agree.
        var backlogTotal = (Number) Json.object(Json.object(get("/api/v1/servicedesk/report")).get("backlog")).get("total");
        var openTotal = (Number) Json.object(get("/api/v1/incidents?state=open&size=1")).get("total");
        if (backlogTotal.longValue() != openTotal.longValue()) {
            wrong.put("backlog", "report backlog " + backlogTotal + " but the open list has " + openTotal);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Open incidents: %,d. Users: %d, %s; warm-up %d s, measured %d s.%n",
                openTotal.longValue(), users, thinkMillis == 0 ? "each asking as fast as answers come"
                        : "each pausing " + thinkMillis / 2 + "–" + thinkMillis * 3 / 2 + " ms between requests",
                warmup.toSeconds(), window.toSeconds());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var u = 0; u < users; u++) {
                var first = u;
                pool.submit(() -> {
                    var n = first;
                    while (!stop.get()) {
                        var scenario = scenarios.get(n++ % scenarios.size());
                        var path = scenario.path().get();
                        var begin = System.nanoTime();
                        try {
                            var body = get(path);
                            var took = System.nanoTime() - begin;
                            check(scenario, path, body, wrong);
                            if (measuring.get()) {
                                latencies.computeIfAbsent(scenario.group(), k -> java.util.Collections.synchronizedList(
                                        new ArrayList<>())).add(took);
                                latencies.computeIfAbsent(scenario.name(), k -> java.util.Collections.synchronizedList(
                                        new ArrayList<>())).add(took);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            wrong.putIfAbsent("error " + scenario.name(), String.valueOf(e.getMessage()));
                        }
                        if (thinkMillis > 0) {
                            // Between half and one and a half times the pause, so users do not ask in step.
                            Thread.sleep(thinkMillis / 2 + random().nextLong(thinkMillis + 1));
                        }
                    }
                    done.countDown();
                    return null;
                });
            }
            Thread.sleep(warmup.toMillis());
            var load = Machine.loadAverage();
            measuring.set(true);
            Thread.sleep(window.toMillis());
            measuring.set(false);
            stop.set(true);
            done.await();
            System.out.println("Load average when measuring began: " + load);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s  %s%n", "request", "count", "per s", "p50 ms",
                "p99 ms", "max ms", "target p99 < 150 ms");
        var pass = true;
        for (var group : List.of("list", "report")) {
            pass &= row(group.equals("list") ? "Incident list, all filters" : "Service-desk report, all",
                    latencies.get(group), window, true);
        }
        for (var scenario : scenarios) {
            row("  " + scenario.name(), latencies.get(scenario.name()), window, false);
        }
        System.out.println();
        System.out.println("Errors: " + errors.get() + ". Wrong answers: " + (wrong.isEmpty() ? "none" : wrong));
        System.out.println(pass ? "Target met." : "Target missed.");
        return errors.get() == 0 && wrong.isEmpty();
    }

    private static boolean row(String label, List<Long> nanos, Duration window, boolean verdict) {
        if (nanos == null || nanos.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-34s %9s%n", label, "none");
            return false;
        }
        var sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        var p50 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.50) - 1)] / 1e6;
        var p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
        var max = sorted[sorted.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "%-34s %9d %9.0f %9.1f %9.1f %9.1f  %s%n", label, sorted.length,
                sorted.length / (double) window.toSeconds(), p50, p99, max, verdict ? (p99 < 150 ? "PASS" : "MISS") : "");
        return p99 < 150;
    }

    private List<Scenario> scenarios() {
        var today = LocalDate.now(ZoneOffset.UTC);
        Predicate<Map<String, Object>> open = i -> Arrays.asList("new", "in_progress", "on_hold").contains(i.get("state"));
        var list = new ArrayList<Scenario>();
        list.add(new Scenario("list", "open queue, most urgent first", () -> "/api/v1/incidents?state=open", open));
        list.add(new Scenario("list", "open of one team", () -> {
            var team = any(teamIds);
            return "/api/v1/incidents?state=open&team=" + team;
        }, open));
        list.add(new Scenario("list", "one person's open", () -> {
            var team = any(teamIds);
            return "/api/v1/incidents?state=open&assignee=" + any(membersByTeam.get(team));
        }, open));
        list.add(new Scenario("list", "open P1 and P2", () -> "/api/v1/incidents?state=open&priority=P1&priority=P2",
                i -> open.test(i) && List.of("P1", "P2").contains(i.get("priority"))));
        list.add(new Scenario("list", "one service, newest first", () -> "/api/v1/incidents?sort=newest&service="
                + any(serviceIds), i -> true));
        list.add(new Scenario("list", "one CI", () -> "/api/v1/incidents?ci=" + any(ciIds), i -> true));
        list.add(new Scenario("list", "words in the title", () -> "/api/v1/incidents?q=" + any(List.of(WORDS)),
                i -> true));
        list.add(new Scenario("list", "one team, page 20, newest", () -> "/api/v1/incidents?sort=newest&page=20&team="
                + any(teamIds), i -> true));
        list.add(new Scenario("list", "opened in one month", () -> {
            var from = today.minusDays(30 + random().nextInt(600));
            return "/api/v1/incidents?openedFrom=" + from + "&openedTo=" + from.plusDays(30);
        }, i -> true));
        list.add(new Scenario("report", "report, last 30 days", () -> "/api/v1/servicedesk/report", null));
        list.add(new Scenario("report", "report, one team", () -> "/api/v1/servicedesk/report?team=" + any(teamIds),
                null));
        list.add(new Scenario("report", "report, one service", () -> "/api/v1/servicedesk/report?service="
                + any(serviceIds), null));
        list.add(new Scenario("report", "report, last 90 days", () -> "/api/v1/servicedesk/report?from="
                + today.minusDays(89), null));
        return list;
    }

    private void check(Scenario scenario, String path, String body, Map<String, String> wrong) {
        var answer = Json.object(body);
        if (scenario.item() == null) {
            if (!(answer.get("backlog") instanceof Map) || !(answer.get("days") instanceof List)) {
                wrong.putIfAbsent(scenario.name(), "no backlog or days in " + path);
            }
            return;
        }
        var items = Json.list(answer.get("items"));
        var total = ((Number) answer.get("total")).longValue();
        if (items.size() > total) {
            wrong.putIfAbsent(scenario.name(), "more items than the total at " + path);
        }
        for (var item : items) {
            var incident = Json.object(item);
            if (!scenario.item().test(incident)) {
                wrong.putIfAbsent(scenario.name(), incident.get("reference") + " does not match " + path);
            }
            if (path.contains("team=") && !path.contains("&team=" + teamIdOf(incident))) {
                wrong.putIfAbsent(scenario.name(), incident.get("reference") + " is another team's, at " + path);
            }
        }
    }

    private static String teamIdOf(Map<String, Object> incident) {
        var team = incident.get("team");
        return team instanceof Map<?, ?> map ? String.valueOf(map.get("id")) : "none";
    }

    // --- HTTP ------------------------------------------------------------------------------------------------

    private String get(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private String post(String path, String json) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    // --- Small things -----------------------------------------------------------------------------------------

    private static final ThreadLocal<Random> RANDOMS = ThreadLocal.withInitial(Random::new);

    private static Random random() {
        return RANDOMS.get();
    }

    private static <T> T any(List<T> values) {
        return values.get(random().nextInt(values.size()));
    }

    private int pick(double[] shares) {
        var roll = random.nextDouble();
        for (var i = 0; i < shares.length; i++) {
            roll -= shares[i];
            if (roll < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static Instant cap(Instant at, Instant now) {
        return at.isAfter(now) ? now : at;
    }

    private static String nullable(Object value) {
        return value == null ? "" : value.toString();
    }

    private static int rank(String level) {
        return switch (level) {
            case "HIGH" -> 1;
            case "MEDIUM" -> 2;
            default -> 3;
        };
    }
}
