import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * The Opsline side of the monitoring benchmark. Starts the targets on loopback (TCP listeners and
 * HTTP servers on 127.0.1.x), defines checks on them through the REST API, waits until the engine
 * schedules them all, and reads the engine's own figures (checks started per second, lateness from
 * the slot each was due in) every 10 seconds while the load runs.
 *
 * Scenarios:
 *   native   TCP and HTTP checks, half each (target: 10,000 checks/s with p99 lateness under 1 s)
 *   plugins  check_tcp plugin checks, at a given offered rate
 *   define   many checks at a long interval, to report memory; with --expect-scheduled after a
 *            restart, how long the engine took to schedule them again
 */
public final class MonitoringBench {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final int WINDOW_SECONDS = 10;

    record Options(String url, String token, String scenario, int checks, int interval, int addresses,
            int measureSeconds, int warmupSeconds, String plugin, long pid, Path results, boolean create) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final List<String> checkIds = new CopyOnWriteArrayList<>();

    MonitoringBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("""
                        usage: java bench/MonitoringBench.java --url URL --token TOKEN --scenario native|plugins|define
                          [--checks N] [--interval S] [--addresses N] [--measure S] [--warmup S]
                          [--plugin PATH] [--pid PID] [--results FILE] [--create true|false]""");
                System.exit(2);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        var options = new Options(values.get("url"), values.get("token"), values.getOrDefault("scenario", "native"),
                Integer.parseInt(values.getOrDefault("checks", "20000")),
                Integer.parseInt(values.getOrDefault("interval", "2")),
                Integer.parseInt(values.getOrDefault("addresses", "50")),
                Integer.parseInt(values.getOrDefault("measure", "60")),
                Integer.parseInt(values.getOrDefault("warmup", "30")),
                values.getOrDefault("plugin", "/usr/lib/nagios/plugins/check_tcp"),
                Long.parseLong(values.getOrDefault("pid", "0")),
                values.containsKey("results") ? Path.of(values.get("results")) : null,
                Boolean.parseBoolean(values.getOrDefault("create", "true")));
        new MonitoringBench(options).run();
    }

    void run() throws Exception {
        System.out.printf("Machine: %s, load average %s%n", Machine.describe(), Machine.loadAverage());
        var targets = startTargets();
        if (options.create()) {
            var started = System.nanoTime();
            defineChecks(targets);
            var seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Defined %,d %s checks in %.0f s (%.0f/s through the API)%n", options.checks(),
                    options.scenario(), seconds, options.checks() / seconds);
        }
        var waited = System.nanoTime();
        awaitScheduled();
        var scheduledAfter = (System.nanoTime() - waited) / 1e9;
        results.put(options.scenario() + ".scheduled.seconds", "%.1f".formatted(scheduledAfter));
        System.out.printf("Engine schedules all %,d checks (%.1f s after asking)%n", options.checks(), scheduledAfter);
        if (options.scenario().equals("define")) {
            reportMemory();
        } else {
            measure();
        }
        if (options.results() != null) {
            Files.writeString(options.results(), results.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        System.exit(0);
    }

    /** The loopback addresses targets listen on, and their ports. */
    record Targets(List<String> addresses, int tcpPort, int httpPort) {
    }

    private Targets startTargets() throws IOException {
        var addresses = new ArrayList<String>();
        for (int i = 1; i <= options.addresses(); i++) {
            addresses.add("127.0.1." + i);
        }
        int tcpPort = freePort(addresses);
        int httpPort = freePort(addresses);
        for (var address : addresses) {
            var listener = new ServerSocket(tcpPort, 4096, InetAddress.getByName(address));
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try {
                        listener.accept().close();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            if (options.scenario().equals("native")) {
                var server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), httpPort), 4096);
                var body = "ok\n".getBytes(StandardCharsets.US_ASCII);
                server.createContext("/", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.start();
            }
        }
        System.out.printf("Targets: %d loopback addresses (127.0.1.1-%d), TCP port %d%s%n", addresses.size(),
                addresses.size(), tcpPort, options.scenario().equals("native") ? ", HTTP port " + httpPort : "");
        return new Targets(addresses, tcpPort, httpPort);
    }

    private static int freePort(List<String> addresses) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (var probe = new ServerSocket(0, 1, InetAddress.getByName(addresses.getFirst()))) {
                port = probe.getLocalPort();
            }
            boolean free = true;
            for (var address : addresses) {
                try (var probe = new ServerSocket(port, 1, InetAddress.getByName(address))) {
                    // free on this address too
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IOException("no port free on every target address");
    }

    private void defineChecks(Targets targets) throws Exception {
        var ciIds = new ArrayList<String>();
        var run = Long.toString(System.currentTimeMillis(), 36);
        for (var address : targets.addresses()) {
            var ci = post("/api/v1/cis", """
                    {"class":"server","name":"bench-%s-%s","addresses":["%s"],"tags":["bench"]}"""
                    .formatted(run, address, address));
            ciIds.add((String) Json.object(ci).get("id"));
        }
        var limit = new Semaphore(8);
        var failures = new AtomicInteger();
        var timeout = Math.min(options.interval(), 5);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < options.checks(); i++) {
                var n = i;
                var a = i % targets.addresses().size();
                var address = targets.addresses().get(a);
                var type = switch (options.scenario()) {
                    case "native" -> n % 2 == 0 ? "tcp" : "http";
                    case "plugins" -> "plugin";
                    default -> "tcp";
                };
                var params = switch (type) {
                    case "http" -> "{\"url\":\"http://%s:%d/\"}".formatted(address, targets.httpPort());
                    case "plugin" -> "{\"plugin\":\"%s\",\"arguments\":[\"-H\",\"%s\",\"-p\",\"%d\"]}"
                            .formatted(options.plugin(), address, targets.tcpPort());
                    default -> "{\"host\":\"%s\",\"port\":%d}".formatted(address, targets.tcpPort());
                };
                var body = """
                        {"ci":"%s","name":"%s %d","type":"%s","params":%s,"intervalSeconds":%d,
                         "retryIntervalSeconds":%d,"maxAttempts":3,"timeoutSeconds":%d}"""
                        .formatted(ciIds.get(a), type, n, type, params, options.interval(), options.interval(), timeout);
                limit.acquireUninterruptibly();
                executor.execute(() -> {
                    try {
                        checkIds.add((String) Json.object(post("/api/v1/checks", body)).get("id"));
                    } catch (RuntimeException e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.err.println("Defining a check failed: " + e.getMessage());
                        }
                    } finally {
                        limit.release();
                    }
                });
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " checks could not be defined");
        }
    }

    private Map<String, Object> engine(int seconds) {
        return Json.object(get("/api/v1/monitoring/engine?seconds=" + seconds));
    }

    private void awaitScheduled() throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (((Number) engine(1).get("scheduled")).intValue() >= options.checks()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the engine did not schedule all checks within 10 minutes");
    }

    private void measure() throws InterruptedException {
        System.out.printf("Warm-up %d s, then %d s measured in %d s windows (figures from the engine itself)%n",
                options.warmupSeconds(), options.measureSeconds(), WINDOW_SECONDS);
        Thread.sleep(Duration.ofSeconds(options.warmupSeconds()));
        var windows = options.measureSeconds() / WINDOW_SECONDS;
        var measuredFrom = Instant.now();
        long total = 0;
        long worstP99 = 0;
        long worstMax = 0;
        var p99s = new ArrayList<Long>();
        System.out.printf("%8s %12s %10s %10s %10s %10s %8s%n", "window", "checks/s", "p50 ms", "p99 ms", "max ms",
                "unsaved", "load");
        for (int w = 1; w <= windows; w++) {
            // Read just after the window closes: the engine's window leaves out the current second.
            Thread.sleep(Duration.ofSeconds(WINDOW_SECONDS));
            var window = engine(WINDOW_SECONDS);
            var checks = ((Number) window.get("checks")).longValue();
            var p99 = ((Number) window.get("p99Millis")).longValue();
            var max = ((Number) window.get("maxMillis")).longValue();
            total += checks;
            worstP99 = Math.max(worstP99, p99);
            worstMax = Math.max(worstMax, max);
            p99s.add(p99);
            System.out.printf("%8s %,12.0f %10d %10d %10s %,10d %8s%n", (w * WINDOW_SECONDS) + " s",
                    ((Number) window.get("perSecond")).doubleValue(), ((Number) window.get("p50Millis")).longValue(),
                    p99, max == Long.MAX_VALUE ? ">60000" : Long.toString(max),
                    ((Number) window.get("unsaved")).longValue(), Machine.loadAverage());
        }
        var rate = (double) total / (windows * WINDOW_SECONDS);
        var problems = Json.list(Json.parse(get("/api/v1/problems"))).size();
        System.out.printf("%s: %,.0f checks/s sustained over %d s (offered %,.0f/s); worst window p99 lateness %d ms;"
                + " first/last window p99 %d/%d ms; checks with a problem: %d%n", options.scenario(), rate,
                windows * WINDOW_SECONDS, (double) options.checks() / options.interval(), worstP99, p99s.getFirst(),
                p99s.getLast(), problems);
        results.put(options.scenario() + ".rate", "%.1f".formatted(rate));
        results.put(options.scenario() + ".offered", "%.1f".formatted((double) options.checks() / options.interval()));
        results.put(options.scenario() + ".p99.worst.ms", Long.toString(worstP99));
        results.put(options.scenario() + ".p99.first.ms", Long.toString(p99s.getFirst()));
        results.put(options.scenario() + ".p99.last.ms", Long.toString(p99s.getLast()));
        results.put(options.scenario() + ".problems", Integer.toString(problems));
        if (options.create()) {
            reportStored(measuredFrom, measuredFrom.plusSeconds(windows * WINDOW_SECONDS));
        }
    }

    /** The checks' run rate says nothing of their results reaching the database: their samples do. */
    private void reportStored(Instant from, Instant to) throws InterruptedException {
        var engine = Json.object(get("/api/v1/monitoring/engine?seconds=1"));
        // Routine results wait up to the writer's flush interval (10 s by default) before they are written.
        Thread.sleep(Duration.ofSeconds(12));
        var picked = new ArrayList<>(checkIds);
        Collections.shuffle(picked, new Random(42));
        picked = new ArrayList<>(picked.subList(0, Math.min(50, picked.size())));
        long stored = 0;
        for (var id : picked) {
            var view = Json.object(get("/api/v1/checks/" + id + "/series?label=time&points=1&from=" + from + "&to=" + to));
            for (var series : Json.list(view.get("series"))) {
                for (var point : Json.list(((Map<?, ?>) series).get("points"))) {
                    stored += ((Number) ((Map<?, ?>) point).get("count")).longValue();
                }
            }
        }
        var expected = (long) picked.size() * Duration.between(from, to).toSeconds() / options.interval();
        var percent = 100.0 * stored / expected;
        System.out.printf("Results stored: %,d of the %,d expected in the measured span from %d checks picked at random"
                + " (%.1f%%; results waiting to be written when it ended: %,d)%n", stored, expected, picked.size(),
                percent, ((Number) engine.get("unsaved")).longValue());
        results.put(options.scenario() + ".stored.percent", "%.1f".formatted(percent));
    }

    private void reportMemory() throws IOException {
        if (options.pid() <= 0) {
            return;
        }
        var rss = Files.readAllLines(Path.of("/proc/" + options.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).findFirst().orElse("0");
        var mib = Long.parseLong(rss) / 1024;
        System.out.printf("Opsline resident memory with %,d checks scheduled: %,d MiB%n", options.checks(), mib);
        results.put("define.rss.mib", Long.toString(mib));
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(options.url() + path)).GET());
    }

    private String post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(options.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.header("Authorization", "Bearer " + options.token())
                    .timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.request().method() + " " + response.uri().getPath()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
