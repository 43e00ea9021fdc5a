import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of the alerting benchmark: offers one stream of events at a fixed rate to a
 * target and measures what it takes. The stream is the same for every target (fixed seed): new
 * problems, repeats of open ones and resolves, in the proportions an outage gives.
 *
 * Targets:
 *   opsline       Opsline's generic intake ({"events": [...]} per request, integration key);
 *                 a 202 means the events are stored, so request latency is event to alert state
 *   alertmanager  Alertmanager's API v2 (POST /api/v2/alerts), as Prometheus sends alerts
 *
 * Latency is measured from when a request was due, not when it went out, so a target that falls
 * behind is charged for the wait (no coordinated omission). After the run, the open alerts the
 * target reports are compared with the open problems the stream left: a fast wrong answer fails.
 */
public final class AlertingBench {

    record Options(String target, String url, String key, String token, String source, int rate, int batch,
            int open, int warmupSeconds, int measureSeconds, int senders, long seed, Path results, String label,
            int receiverPort, long targetPid, long postgresPid) {

        /**
         * Events due in the first {@code seconds} of the stream. The warm-up rises from a tenth of
         * the rate to the full rate, so that a target starting cold (a JIT still compiling) does not
         * carry a backlog of its first seconds into the span measured, which is at the full rate.
         */
        double eventsDueBy(double seconds) {
            double warmup = warmupSeconds;
            if (seconds <= warmup) {
                return rate * (0.1 * seconds + 0.45 * seconds * seconds / warmup);
            }
            return rate * (0.55 * warmup + seconds - warmup);
        }
    }

    /**
     * One event of the stream. One new problem in {@value #PAGE_EVERY} is marked to page someone
     * (label {@code page=true}, which the targets route to a webhook): most events in an outage are
     * repeats and noise, and a page is the rare one that must be fast.
     */
    record Event(String key, boolean resolve, String severity, boolean page, boolean first) {
    }

    static final int PAGE_EVERY = 50;

    /** The stream: deterministic for a seed; keeps about {@code open} problems open. */
    static final class Stream {
        private final Random random;
        private final int open;
        private final List<String> openKeys = new ArrayList<>();
        private final java.util.Set<String> paged = new java.util.HashSet<>();
        /** Critical problems, critical in all their events: Alertmanager tells alerts apart by all their labels. */
        private final java.util.Set<String> critical = new java.util.HashSet<>();
        private long next;

        Stream(long seed, int open) {
            this.random = new Random(seed);
            this.open = open;
        }

        Event next() {
            double roll = random.nextDouble();
            // Until the pool is full: mostly new problems. Then 15% new, 15% resolves, 70% repeats.
            boolean filling = openKeys.size() < open;
            if (openKeys.isEmpty() || (filling && roll < 0.6) || (!filling && roll < 0.15)) {
                var key = "p" + (next++);
                openKeys.add(key);
                boolean page = random.nextInt(PAGE_EVERY) == 0;
                if (page) {
                    paged.add(key);
                }
                if (random.nextInt(10) == 0) {
                    critical.add(key);
                }
                return new Event(key, false, severity(key), page, true);
            }
            int index = random.nextInt(openKeys.size());
            var key = openKeys.get(index);
            if (!filling && roll < 0.30) {
                openKeys.set(index, openKeys.get(openKeys.size() - 1));
                openKeys.remove(openKeys.size() - 1);
                var severity = severity(key);
                critical.remove(key);
                return new Event(key, true, severity, paged.remove(key), false);
            }
            return new Event(key, false, severity(key), paged.contains(key), false);
        }

        private String severity(String key) {
            return critical.contains(key) ? "critical" : "warning";
        }

        int openCount() {
            return openKeys.size();
        }

        long problems() {
            return next;
        }
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Map<String, String> figures = new LinkedHashMap<>();

    AlertingBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("""
                        usage: java bench/AlertingBench.java --target opsline|alertmanager --url URL
                          [--key INTEGRATION_KEY --token API_TOKEN --source INTEGRATION_NAME]
                          [--rate EVENTS_PER_S] [--batch N] [--open N] [--warmup S] [--measure S] [--senders N (lanes, default 64)]
                          [--seed N] [--label TEXT] [--results FILE] [--receiver-port PORT]
                          [--target-pid PID] [--postgres-pid POSTMASTER_PID]""");
                System.exit(2);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        var options = new Options(values.get("target"), values.get("url"), values.get("key"), values.get("token"),
                values.get("source"),
                Integer.parseInt(values.getOrDefault("rate", "20000")),
                Integer.parseInt(values.getOrDefault("batch", "100")),
                Integer.parseInt(values.getOrDefault("open", "20000")),
                Integer.parseInt(values.getOrDefault("warmup", "150")),
                Integer.parseInt(values.getOrDefault("measure", "60")),
                Integer.parseInt(values.getOrDefault("senders", "64")),
                Long.parseLong(values.getOrDefault("seed", "42")),
                values.containsKey("results") ? Path.of(values.get("results")) : null,
                values.getOrDefault("label", values.get("target")),
                Integer.parseInt(values.getOrDefault("receiver-port", "0")),
                Long.parseLong(values.getOrDefault("target-pid", "0")),
                Long.parseLong(values.getOrDefault("postgres-pid", "0")));
        new AlertingBench(options).run();
    }

    /** A request due at {@code dueNanos}; measured when it is answered. */
    record Request(String body, int events, long dueNanos, boolean measured) {
    }

    void run() throws Exception {
        var stream = new Stream(options.seed(), options.open());
        var prefix = options.label() + ".";
        var totalSeconds = options.warmupSeconds() + options.measureSeconds();
        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicLong();
        var answeredEvents = new AtomicLong();
        var lastFailure = new java.util.concurrent.atomic.AtomicReference<String>();
        // Each problem's events always travel in one lane, and a lane sends one request at a time, so
        // a problem's trigger, repeats and resolve reach the target in the order they happened, as
        // from a real sender. The lanes send side by side.
        int laneCount = options.senders();
        var lanes = new ArrayList<java.util.concurrent.LinkedBlockingQueue<Request>>();
        var buffers = new ArrayList<List<Event>>();
        var senders = new ArrayList<Thread>();
        var poison = new Request(null, 0, 0, false);
        for (int l = 0; l < laneCount; l++) {
            var lane = new java.util.concurrent.LinkedBlockingQueue<Request>();
            lanes.add(lane);
            buffers.add(new ArrayList<>());
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    for (var request = lane.take(); request != poison; request = lane.take()) {
                        try {
                            var status = send(request.body());
                            if (status / 100 == 2) {
                                answeredEvents.addAndGet(request.events());
                                if (request.measured()) {
                                    latencies.add(System.nanoTime() - request.dueNanos());
                                }
                            } else {
                                failures.incrementAndGet();
                                lastFailure.set("HTTP " + status);
                            }
                        } catch (Exception ex) {
                            failures.incrementAndGet();
                            lastFailure.set(ex.toString());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // Pages: when each paged problem's first trigger was made, and when its first notification came.
        var pageMade = new java.util.concurrent.ConcurrentHashMap<String, Long>();
        var pageLatencies = new ConcurrentLinkedQueue<Long>();
        var notified = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        com.sun.net.httpserver.HttpServer receiver = null;
        if (options.receiverPort() > 0) {
            receiver = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", options.receiverPort()), 200);
            receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            receiver.createContext("/", exchange -> {
                long arrived = System.nanoTime();
                var body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                for (var key : pagedKeys(body)) {
                    var made = pageMade.get(key);
                    if (made != null && notified.add(key)) {
                        pageLatencies.add(arrived - made);
                    }
                }
            });
            receiver.start();
        }
        System.out.printf("%s: offering %,d events/s in requests of %d for %d s (%d s warm-up)%n", options.label(),
                options.rate(), options.batch(), totalSeconds, options.warmupSeconds());
        long start = System.nanoTime();
        long measureFrom = start + options.warmupSeconds() * 1_000_000_000L;
        long end = start + totalSeconds * 1_000_000_000L;
        long lastReport = start;
        long sent = 0;
        Usage windowStart = null;
        // Events are made in steps of 10 ms; each lane's buffer goes out when it holds a batch.
        for (long step = 0;; step++) {
            long due = start + step * 10_000_000L;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (windowStart == null && due >= measureFrom) {
                windowStart = usage(answeredEvents.get());
            }
            long target = (long) options.eventsDueBy((due + 10_000_000L - start) / 1e9);
            var at = Instant.now();
            for (; sent < target; sent++) {
                var event = stream.next();
                int lane = Math.floorMod(event.key().hashCode(), laneCount);
                var buffer = buffers.get(lane);
                buffer.add(event);
                if (buffer.size() == options.batch()) {
                    var events = buffer.toArray(Event[]::new);
                    buffer.clear();
                    // A page is timed, like alert state, from when the request with its first trigger is due.
                    for (var sentEvent : events) {
                        if (sentEvent.page() && sentEvent.first() && due >= measureFrom) {
                            pageMade.put(sentEvent.key(), due);
                        }
                    }
                    var body = options.target().equals("opsline") ? opslineBody(events, at) : alertmanagerBody(events, at);
                    lanes.get(lane).add(new Request(body, events.length, due, due >= measureFrom));
                }
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                int queued = lanes.stream().mapToInt(java.util.concurrent.LinkedBlockingQueue::size).sum();
                System.out.printf("  %3d s: %,d events made, %d requests waiting, %d failed, load %s%n",
                        (lastReport - start) / 1_000_000_000L, sent, queued, failures.get(), Machine.loadAverage());
            }
        }
        var windowEnd = usage(answeredEvents.get());
        // What is left in the lanes' buffers goes out too, so the target sees the whole stream.
        var flushedAt = Instant.now();
        long flushDue = System.nanoTime();
        for (int l = 0; l < laneCount; l++) {
            var buffer = buffers.get(l);
            if (!buffer.isEmpty()) {
                var events = buffer.toArray(Event[]::new);
                var body = options.target().equals("opsline") ? opslineBody(events, flushedAt)
                        : alertmanagerBody(events, flushedAt);
                lanes.get(l).add(new Request(body, events.length, flushDue, false));
            }
        }
        lanes.forEach(lane -> lane.add(poison));
        for (var sender : senders) {
            sender.join();
        }
        long finished = System.nanoTime();
        if (receiver != null) {
            // Notifications of the last pages are given a few seconds to arrive.
            long waitUntil = System.nanoTime() + 10_000_000_000L;
            while (notified.size() < pageMade.size() && System.nanoTime() < waitUntil) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            receiver.stop(0);
            var pages = pageLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
            figures.put(prefix + "pages", Integer.toString(pageMade.size()));
            figures.put(prefix + "pages.notified", Integer.toString(notified.size()));
            figures.put(prefix + "notify.p50.ms", "%.0f".formatted(percentile(pages, 0.50) / 1e6));
            figures.put(prefix + "notify.p99.ms", "%.0f".formatted(percentile(pages, 0.99) / 1e6));
            figures.put(prefix + "notify.max.ms", "%.0f".formatted(pages.length == 0 ? 0 : pages[pages.length - 1] / 1e6));
            System.out.printf("%s: %d of %d pages notified, event -> notification p50 %s ms, p99 %s ms, max %s ms%n",
                    options.label(), notified.size(), pageMade.size(), figures.get(prefix + "notify.p50.ms"),
                    figures.get(prefix + "notify.p99.ms"), figures.get(prefix + "notify.max.ms"));
        }

        var sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        figures.put(prefix + "offered", Integer.toString(options.rate()));
        if (windowStart != null) {
            windowEnd.since(windowStart).forEach((key, value) -> figures.put(prefix + key, value));
        }
        figures.put(prefix + "drain.s", "%.1f".formatted(Math.max(0, finished - end) / 1e9));
        figures.put(prefix + "failed.requests", Long.toString(failures.get()));
        figures.put(prefix + "p50.ms", "%.0f".formatted(percentile(sorted, 0.50) / 1e6));
        figures.put(prefix + "p99.ms", "%.0f".formatted(percentile(sorted, 0.99) / 1e6));
        figures.put(prefix + "max.ms", "%.0f".formatted(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
        figures.put(prefix + "open.expected", Integer.toString(stream.openCount()));
        figures.put(prefix + "open.reported", openReported());
        figures.put(prefix + "problems", Long.toString(stream.problems()));
        if (lastFailure.get() != null) {
            figures.put(prefix + "last.failure", lastFailure.get());
        }
        System.out.printf("%s: %s events/s taken, p50 %s ms, p99 %s ms, max %s ms, %d failed requests, %s s to drain;"
                + " open problems %d, target reports %s%n", options.label(), figures.get(prefix + "rate"),
                figures.get(prefix + "p50.ms"), figures.get(prefix + "p99.ms"), figures.get(prefix + "max.ms"),
                failures.get(), figures.get(prefix + "drain.s"), stream.openCount(), figures.get(prefix + "open.reported"));
        if (options.results() != null) {
            var results = new Results();
            figures.forEach(results::put);
            results.write(options.results());
        }
    }

    /**
     * What the machine's processes had used at one moment, and the events answered by then: two of
     * these, at the start and end of the measured span, give each process' CPU per event answered.
     */
    record Usage(long nanos, long answered, double client, double target, double postgres) {

        /**
         * Events answered, their rate and CPU seconds used since {@code before}, as figures; a process not read
         * is left out. The rate counts what was answered in between, whenever it was made: a target that keeps
         * up takes what is offered, one that falls behind only what it manages.
         */
        Map<String, String> since(Usage before) {
            var used = new LinkedHashMap<String, String>();
            used.put("window.events", Long.toString(answered - before.answered));
            used.put("rate", "%.0f".formatted((answered - before.answered) / ((nanos - before.nanos) / 1e9)));
            put(used, "client", client, before.client);
            put(used, "target", target, before.target);
            put(used, "postgres", postgres, before.postgres);
            return used;
        }

        private static void put(Map<String, String> used, String what, double now, double then) {
            if (now >= 0 && then >= 0) {
                used.put("window.cpu." + what + ".s", "%.2f".formatted(now - then));
            }
        }
    }

    private Usage usage(long answered) {
        var clientCpu = ProcessHandle.current().info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(-1.0);
        return new Usage(System.nanoTime(), answered, clientCpu, Machine.cpuSeconds(options.targetPid(), false),
                Machine.cpuSeconds(options.postgresPid(), true));
    }

    private int send(String body) throws Exception {
        var builder = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (options.target().equals("opsline")) {
            builder.uri(URI.create(options.url() + "/api/v1/intake/events")).header("Authorization",
                    "Bearer " + options.key());
        } else {
            builder.uri(URI.create(options.url() + "/api/v2/alerts"));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String opslineBody(Event[] events, Instant at) {
        var body = new StringBuilder(events.length * 120).append("{\"events\":[");
        for (int i = 0; i < events.length; i++) {
            var event = events[i];
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"dedupKey\":\"").append(event.key()).append("\",\"occurredAt\":\"").append(at).append('"');
            if (event.resolve()) {
                body.append(",\"action\":\"resolve\"}");
            } else {
                body.append(",\"severity\":\"").append(event.severity()).append("\",\"summary\":\"Problem ")
                        .append(event.key()).append(" on host ").append(event.key()).append("\",\"labels\":{\"bench\":\"")
                        .append(event.key()).append(event.page() ? "\",\"page\":\"true" : "").append("\"}}");
            }
        }
        return body.append("]}").toString();
    }

    private static String alertmanagerBody(Event[] events, Instant now) {
        var body = new StringBuilder(events.length * 160).append('[');
        for (int i = 0; i < events.length; i++) {
            var event = events[i];
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"labels\":{\"alertname\":\"Bench\",\"bench\":\"").append(event.key())
                    .append(event.page() ? "\",\"page\":\"true" : "").append("\",\"severity\":\"").append(event.severity()).append("\"},\"annotations\":{\"summary\":\"Problem ")
                    .append(event.key()).append("\"}");
            // Times as Prometheus sends them: a firing alert from when it was seen, a resolved one ending then.
            body.append(",\"startsAt\":\"").append(event.resolve() ? now.minusSeconds(3600) : now).append('"');
            if (event.resolve()) {
                body.append(",\"endsAt\":\"").append(now).append('"');
            }
            body.append('}');
        }
        return body.append(']').toString();
    }

    /** How many alerts the target says are open (firing) after the stream. */
    private String openReported() throws Exception {
        if (options.target().equals("opsline")) {
            var page = http.send(HttpRequest.newBuilder(URI.create(options.url() + "/api/v1/alerts?status=FIRING&size=1&source="
                    + java.net.URLEncoder.encode(options.source(), java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + options.token()).build(), HttpResponse.BodyHandlers.ofString());
            return String.valueOf(Json.object(Json.parse(page.body())).get("total"));
        }
        var response = http.send(HttpRequest.newBuilder(URI.create(options.url()
                + "/api/v2/alerts/groups?active=true&silenced=false&inhibited=false")).build(),
                HttpResponse.BodyHandlers.ofString());
        long count = 0;
        for (var group : Json.list(Json.parse(response.body()))) {
            count += Json.list(Json.object(group).get("alerts")).size();
        }
        return Long.toString(count);
    }

    /** The problems a notification is about: Opsline's webhook names one, Alertmanager's lists its group's alerts. */
    private static List<String> pagedKeys(String body) {
        var keys = new ArrayList<String>();
        var root = Json.object(Json.parse(body));
        if (root.containsKey("alerts")) {
            for (var alert : Json.list(root.get("alerts"))) {
                keys.add(String.valueOf(Json.object(Json.object(alert).get("labels")).get("bench")));
            }
        } else if (root.get("labels") != null) {
            keys.add(String.valueOf(Json.object(root.get("labels")).get("bench")));
        }
        return keys;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
