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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The client side of the metrics benchmark (see bench/README.md, "Metrics benchmark"): the run script
 * starts the synthetic exporters (bench/metrics/Exporters.java) and one scraper at a time, Debian's
 * Prometheus or Opsline; this program measures that scraper and checks its answers.
 *
 * For each scraper: warm-up, then over the measured window the CPU seconds of its process
 * (/proc/PID/stat) per million samples it appended and the samples/s it reached; then whether its
 * query API answers {@code count(up)} with the number of targets and {@code sum(rate(...[1m]))} of a
 * counter family with the rate the exporters know to be true; then the bytes per sample its storage
 * holds as it runs (Prometheus: its data directory; Opsline: its metric tables or database file once
 * the exporters are paused and the head is compacted into chunks) and the stored data alone
 * (Prometheus: a snapshot, which writes the head as a block; Opsline: the tables after VACUUM FULL,
 * or the file after SHUTDOWN COMPACT). Prometheus is also
 * sent a short series through remote write and asked for it back, which proves the encoder used for
 * Opsline's 30-day series ({@code --phase thirty-days}: written through remote write, then timed
 * query_range calls over it).
 *
 * {@code --table DIR} prints the figures of all runs (the key=value files in DIR) side by side.
 * Exits 1 on wrong answers, 2 on errors; a missed target is not an error.
 */
public final class MetricsBench {

    static final String CHECKED_COUNTER = "node_network_receive_bytes_total";
    /** How far a scraper's sum(rate(...)) may be from the true rate of the counters. */
    static final double RATE_TOLERANCE = 0.03;
    static final long DAY_MS = 86_400_000L;

    final Map<String, String> options;
    final String label;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, String> figures = new LinkedHashMap<>();
    final List<String> wrong = new ArrayList<>();
    final String url;
    final boolean opsline;

    /** What the exporters printed: where to control them, their targets and their counters' true rates. */
    record Exporters(String control, List<String> targets, Map<String, Double> rates) {
        static Exporters read(Path file) throws IOException {
            String control = null;
            var targets = new ArrayList<String>();
            var rates = new LinkedHashMap<String, Double>();
            for (var line : Files.readAllLines(file)) {
                var parts = line.split(" ");
                switch (parts[0]) {
                    case "control" -> control = parts[1];
                    case "target" -> targets.add(parts[1]);
                    case "rate" -> rates.put(parts[1], Double.parseDouble(parts[2]));
                    default -> {
                    }
                }
            }
            if (control == null || targets.isEmpty()) {
                throw new IllegalStateException(file + " lists no control URL or no targets: did the exporters start?");
            }
            return new Exporters(control, targets, rates);
        }
    }

    MetricsBench(Map<String, String> options) throws IOException {
        this.options = options;
        this.label = options.getOrDefault("label", options.get("target"));
        this.url = options.get("url");
        this.opsline = "opsline".equals(options.get("target"));
    }

    private Exporters exporters;

    Exporters exporters() throws IOException {
        if (exporters == null) {
            exporters = Exporters.read(Path.of(required("exporters")));
        }
        return exporters;
    }

    public static void main(String[] args) throws Exception {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("""
                        usage: java bench/MetricsBench.java --target prometheus|opsline --url URL --pid PID
                                 --exporters FILE --interval DURATION [--series N] [--warmup S] [--measure S]
                                 [--label TEXT] [--results FILE] [--clk-tck N]
                                 prometheus: --tsdb DIR
                                 opsline:    --token TOKEN [--h2-dir DIR | --psql CONNINFO] [--settle S]
                               java bench/MetricsBench.java --target opsline --phase thirty-days --url URL --token TOKEN
                                 [--label TEXT] [--results FILE] [--settle S] [--queries N]
                               java bench/MetricsBench.java --table DIR [--offered N]""");
                System.exit(2);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        if (options.containsKey("table")) {
            MetricsTable.print(Path.of(options.get("table")));
            return;
        }
        try {
            var bench = new MetricsBench(options);
            bench.run();
            System.exit(bench.wrong.isEmpty() ? 0 : 1);
        } catch (BenchException | IOException e) {
            // IOException: most often the scraper went away (refused connection) in the middle of the run.
            System.err.println(options.getOrDefault("label", "?") + ": " + (e instanceof BenchException ? e.getMessage() : e));
            System.exit(2);
        }
    }

    /** A run that cannot go on, with a message saying why. */
    static final class BenchException extends RuntimeException {
        BenchException(String message) {
            super(message);
        }
    }

    void run() throws Exception {
        var prefix = label + ".";
        if (opsline && "thirty-days".equals(options.get("phase"))) {
            new RemoteWritePhase(this).thirtyDayQuery(prefix);
            finish(prefix);
            return;
        }
        var exporters = exporters();
        double intervalSeconds = seconds(required("interval"));
        int series = Integer.parseInt(options.getOrDefault("series", "1000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        int measure = Integer.parseInt(options.getOrDefault("measure", "180"));
        long pid = Long.parseLong(required("pid"));
        int targets = exporters.targets().size();
        double offered = targets * series / intervalSeconds;
        put(prefix + "offered", "%.0f".formatted(offered));
        put(prefix + "load.start", Machine.loadAverage());
        control("resume");

        long diskBefore = 0;
        if (opsline) {
            status(); // fails clearly when the endpoint is missing, before anything is set up
            diskBefore = opslineDiskBytes();
            registerTargets(intervalSeconds);
        }
        System.out.printf("%s: %d targets x %d series every %s (%,.0f samples/s offered); %d s warm-up, %d s measured%n",
                label, targets, series, options.get("interval"), offered, warmup, measure);
        progress(warmup, pid, "warm-up");
        long cpu0 = cpuTicks(pid);
        long[] counts0 = appendedAndRejected();
        long t0 = System.nanoTime();
        progress(measure, pid, "measure");
        long cpu1 = cpuTicks(pid);
        long[] counts1 = appendedAndRejected();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long appended = counts1[0] - counts0[0];
        double cpuSeconds = (cpu1 - cpu0) / Double.parseDouble(options.getOrDefault("clk-tck", "100"));
        put(prefix + "samples", appended);
        put(prefix + "rate", "%.0f".formatted(appended / elapsed));
        put(prefix + "cpu.seconds", "%.1f".formatted(cpuSeconds));
        put(prefix + "cpu.per.million", appended == 0 ? "n/a" : "%.2f".formatted(cpuSeconds / appended * 1e6));
        put(prefix + "rejected", counts1[1] - counts0[1]);
        put(prefix + "load.measured", Machine.loadAverage());
        System.out.printf("%s: %,d samples in %.0f s = %,.0f samples/s; %.1f CPU s = %s CPU s per million; %,d rejected%n",
                label, appended, elapsed, appended / elapsed, cpuSeconds, figures.get(prefix + "cpu.per.million"),
                counts1[1] - counts0[1]);

        // rate() over a window longer than the data would extrapolate over the missing part: the window is
        // a minute, as the issue asks, when the run is long enough, else half of what was scraped.
        int window = warmup + measure >= 75 ? 60 : Math.max(2, (warmup + measure) / 2);
        checkAnswers(prefix, targets, window + "s");
        if (opsline) {
            opslineStorage(prefix, diskBefore);
        } else {
            prometheusHealth(prefix, intervalSeconds);
            new RemoteWritePhase(this).roundTrip(prefix);
            prometheusSnapshot(prefix);
        }
        put(prefix + "load.end", Machine.loadAverage());
        finish(prefix);
    }

    void finish(String prefix) throws IOException {
        if (!wrong.isEmpty()) {
            put(prefix + "wrong" + (opsline ? "." + options.getOrDefault("phase", "scrape") : ""), String.join("; ", wrong));
        }
        wrong.forEach(w -> System.out.println(label + ": WRONG: " + w));
        if (options.containsKey("results")) {
            var results = new Results();
            figures.forEach(results::put);
            results.write(Path.of(options.get("results")));
        }
    }

    // --- Measuring ------------------------------------------------------------------------------------

    /** Waits {@code seconds}, printing samples/s and the scraper's CPU share every 10 s. */
    void progress(int seconds, long pid, String phase) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long lastCpu = cpuTicks(pid);
        long lastCount = appendedAndRejected()[0];
        long lastAt = System.nanoTime();
        while (System.nanoTime() < end) {
            TimeUnit.NANOSECONDS.sleep(Math.min(10_000_000_000L, end - System.nanoTime()));
            long cpu = cpuTicks(pid);
            long count = appendedAndRejected()[0];
            long now = System.nanoTime();
            double span = (now - lastAt) / 1e9;
            System.out.printf("  %s %-8s %,10.0f samples/s, scraper CPU %3.0f%%, load %s%n", label, phase,
                    (count - lastCount) / span, (cpu - lastCpu) / Double.parseDouble(options.getOrDefault("clk-tck", "100"))
                            / span * 100, Machine.loadAverage());
            lastCpu = cpu;
            lastCount = count;
            lastAt = now;
        }
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    static long cpuTicks(long pid) throws IOException {
        var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Samples appended and rejected since the scraper started. */
    long[] appendedAndRejected() throws Exception {
        if (opsline) {
            var status = status();
            return new long[] {number(status, "samplesAppended"), number(status, "samplesRejected")};
        }
        // Prometheus' own counters; out-of-order, duplicate and out-of-bounds samples are what it rejects.
        var text = get(url + "/metrics");
        return new long[] {(long) sumOf(text, "prometheus_tsdb_head_samples_appended_total"),
                (long) (sumOf(text, "prometheus_target_scrapes_sample_out_of_order_total")
                        + sumOf(text, "prometheus_target_scrapes_sample_duplicate_timestamp_total")
                        + sumOf(text, "prometheus_target_scrapes_sample_out_of_bounds_total"))};
    }

    /** The sum of a metric's samples in a text exposition (all label sets). */
    static double sumOf(String exposition, String name) {
        double sum = 0;
        for (var line : exposition.split("\n")) {
            if (line.startsWith(name) && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    // --- Answers --------------------------------------------------------------------------------------

    void checkAnswers(String prefix, int targets, String window) throws Exception {
        var up = query("count(up)");
        double upCount = up.isEmpty() ? 0 : value(up.get(0));
        put(prefix + "up.count", "%.0f".formatted(upCount));
        if (upCount != targets) {
            wrong.add("count(up) is %.0f, the exporters have %d targets".formatted(upCount, targets));
        }
        var upOne = query("count(up == 1)");
        put(prefix + "up.healthy", upOne.isEmpty() ? "0" : "%.0f".formatted(value(upOne.get(0))));
        double truth = exporters().rates().get(CHECKED_COUNTER);
        var rate = query("sum(rate(" + CHECKED_COUNTER + "[" + window + "]))");
        double answer = rate.isEmpty() ? Double.NaN : value(rate.get(0));
        double off = Math.abs(answer - truth) / truth;
        put(prefix + "rate.answer", "%.0f".formatted(answer));
        put(prefix + "rate.window", window);
        put(prefix + "rate.truth", "%.0f".formatted(truth));
        put(prefix + "rate.off.percent", "%.2f".formatted(off * 100));
        System.out.printf("%s: count(up) = %.0f (%d targets); sum(rate(%s[%s])) = %,.0f, true rate %,.0f (%.2f%% off)%n",
                label, upCount, targets, CHECKED_COUNTER, window, answer, truth, off * 100);
        if (!(off <= RATE_TOLERANCE)) {
            wrong.add("sum(rate(%s[%s])) is %.0f, the exporters' counters rise by %.0f/s (%.1f%% off, more than %.0f%%)"
                    .formatted(CHECKED_COUNTER, window, answer, truth, off * 100, RATE_TOLERANCE * 100));
        }
    }

    void prometheusHealth(String prefix, double intervalSeconds) throws Exception {
        var avg = query("avg(scrape_duration_seconds)");
        var max = query("max(max_over_time(scrape_duration_seconds[1m]))");
        put(prefix + "scrape.avg.ms", avg.isEmpty() ? "n/a" : "%.1f".formatted(value(avg.get(0)) * 1000));
        put(prefix + "scrape.max.ms", max.isEmpty() ? "n/a" : "%.1f".formatted(value(max.get(0)) * 1000));
        // Prometheus' own summary of the time between consecutive scrapes of a target.
        var text = get(url + "/metrics");
        for (var quantile : List.of("0.5", "0.99")) {
            double seconds = Double.NaN;
            for (var line : text.split("\n")) {
                if (line.startsWith("prometheus_target_interval_length_seconds{") && line.contains("quantile=\"" + quantile + "\"")) {
                    seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            put(prefix + "interval.p" + quantile.substring(2) + ".s", "%.3f".formatted(seconds));
        }
        System.out.printf("%s: %s of %s targets up; scrape duration avg %s ms, max %s ms (last minute); interval p50 %s s,"
                + " p99 %s s (configured %.3f s)%n", label, figures.get(prefix + "up.healthy"), figures.get(prefix + "up.count"),
                figures.get(prefix + "scrape.avg.ms"), figures.get(prefix + "scrape.max.ms"), figures.get(prefix + "interval.p5.s"),
                figures.get(prefix + "interval.p99.s"), intervalSeconds);
    }

    // --- Storage --------------------------------------------------------------------------------------

    /**
     * Measures the TSDB's directory as it runs (write-ahead log, head chunks, any blocks: Opsline's
     * "as it runs" figure's peer), then snapshots it (the head becomes a compacted block) and
     * measures the blocks in that: the stored data alone.
     */
    void prometheusSnapshot(String prefix) throws Exception {
        var tsdb = Path.of(required("tsdb"));
        long running;
        try (Stream<Path> files = Files.walk(tsdb)) {
            running = files.filter(file -> !file.startsWith(tsdb.resolve("snapshots")) && Files.isRegularFile(file))
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0; // a WAL segment or head chunk file removed meanwhile
                        }
                    }).sum();
        }
        long appended = appendedAndRejected()[0];
        put(prefix + "running.bytes", running);
        put(prefix + "bytes.per.sample", "%.3f".formatted((double) running / appended));
        System.out.printf("%s: data directory as it runs (WAL, head chunks): %,d bytes for %,d samples appended"
                + " = %.3f bytes/sample%n", label, running, appended, (double) running / appended);
        var response = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/tsdb/snapshot"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
        var name = (String) Json.object(Json.object(response).get("data")).get("name");
        var snapshot = Path.of(required("tsdb"), "snapshots", name);
        long bytes = 0;
        long chunkBytes = 0;
        long samples = 0;
        int blocks = 0;
        try (Stream<Path> files = Files.walk(snapshot)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
                if (file.getParent().getFileName().toString().equals("chunks")) {
                    chunkBytes += Files.size(file);
                }
                if (file.getFileName().toString().equals("meta.json")) {
                    blocks++;
                    var stats = Json.object(Json.object(Files.readString(file)).get("stats"));
                    samples += ((Number) stats.get("numSamples")).longValue();
                }
            }
        }
        if (samples == 0) {
            throw new BenchException("the snapshot " + snapshot + " holds no samples");
        }
        put(prefix + "disk.bytes", bytes);
        put(prefix + "disk.samples", samples);
        put(prefix + "stored.bytes.per.sample", "%.3f".formatted((double) bytes / samples));
        // The chunk files alone: the compressed samples with each chunk's small header, Opsline's payload figure's peer.
        put(prefix + "payload.bytes.per.sample", "%.3f".formatted((double) chunkBytes / samples));
        System.out.printf("%s: snapshot %s: %d block(s), %,d bytes (chunks %,d, index, meta.json, tombstones) for %,d samples"
                + " = %.3f bytes/sample (chunk files alone %.3f)%n", label, name, blocks, bytes, chunkBytes, samples,
                (double) bytes / samples, (double) chunkBytes / samples);
    }

    /**
     * Pauses the exporters, waits until the head is compacted into chunks, then reads the stored
     * figures and the size on disk: PostgreSQL's metric tables, or the growth of H2's database file.
     */
    void opslineStorage(String prefix, long diskBefore) throws Exception {
        control("pause");
        int settle = Integer.parseInt(options.getOrDefault("settle", "240"));
        var status = waitForCompaction(settle, 0);
        long stored = number(status, "storedSamples");
        long payload = number(status, "storedBytes");
        long head = number(status, "headSamples");
        long disk = opslineDiskBytes();
        long onDisk = options.containsKey("psql") ? disk : disk - diskBefore;
        if (options.containsKey("psql")) {
            printTableSizes();
        }
        // The head's samples are on disk too, in write-ahead rows, which the bytes count.
        long onDiskSamples = stored + head;
        put(prefix + "series", number(status, "series"));
        put(prefix + "disk.samples", onDiskSamples);
        put(prefix + "head.samples", head);
        put(prefix + "disk.bytes", onDisk);
        if (!options.containsKey("psql")) {
            put(prefix + "disk.before", diskBefore);
        }
        put(prefix + "bytes.per.sample", onDiskSamples == 0 ? "n/a" : "%.3f".formatted((double) onDisk / onDiskSamples));
        put(prefix + "payload.bytes.per.sample", stored == 0 ? "n/a" : "%.3f".formatted((double) payload / stored));
        System.out.printf("%s: %,d series; %,d samples in compacted chunks, %,d in the head's write-ahead rows; %s %,d"
                + " bytes = %s bytes/sample on disk, payload alone %s bytes/sample%n", label, number(status, "series"), stored, head,
                options.containsKey("psql") ? "metric tables" : "H2 file growth", onDisk,
                figures.get(prefix + "bytes.per.sample"), figures.get(prefix + "payload.bytes.per.sample"));
        if (options.containsKey("psql") && onDiskSamples > 0) {
            storedData(prefix, onDiskSamples);
        }
    }

    /**
     * The tables rewritten with VACUUM FULL: what the stored data itself takes, without the space
     * that the write-ahead rows and rewritten chunk rows left behind for reuse (which a running
     * store reuses, and which stays about the same as data grows). Prometheus' snapshot is the same
     * kind of figure: its blocks, without its write-ahead log and head.
     */
    void storedData(String prefix, long samples) throws Exception {
        run("psql", options.get("psql"), "-XqtA", "-c", "VACUUM FULL " + String.join(", ", metricTables().keySet()));
        printTableSizes();
        long rewritten = opslineDiskBytes();
        put(prefix + "stored.bytes.per.sample", "%.3f".formatted((double) rewritten / samples));
        System.out.printf("%s: after VACUUM FULL the metric tables take %,d bytes = %s bytes/sample%n", label, rewritten,
                figures.get(prefix + "stored.bytes.per.sample"));
    }

    /** Polls the status until the head holds at most 1% of the stored samples (and no fewer than before). */
    Map<String, Object> waitForCompaction(int seconds, long storedAtLeast) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            var status = status();
            long stored = number(status, "storedSamples");
            long head = number(status, "headSamples");
            if ((head <= stored / 100 && stored >= storedAtLeast) || System.nanoTime() > deadline) {
                if (System.nanoTime() > deadline) {
                    System.out.printf("%s: after %d s the head still holds %,d samples (%,d compacted)%n", label, seconds,
                            head, stored);
                }
                return status;
            }
            TimeUnit.SECONDS.sleep(5);
        }
    }

    /**
     * Waits until every closed block is compacted, so that the 30-day query is timed as it runs on a
     * settled store (its old blocks read as rollups) and not beside compaction.
     */
    void waitForRollups(int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long waiting;
        while ((waiting = number(status(), "blocksToCompact")) > 0) {
            if (System.nanoTime() > deadline) {
                System.out.printf("%s: after %d s, %d closed blocks still wait to be compacted%n", label, seconds, waiting);
                return;
            }
            TimeUnit.SECONDS.sleep(2);
        }
    }

    /** PostgreSQL's metric tables one by one, indexes and TOAST included, largest first: where the bytes go. */
    void printTableSizes() throws Exception {
        var sizes = metricTables().entrySet().stream().filter(table -> table.getValue() > 0)
                .map(table -> "%s %,d".formatted(table.getKey(), table.getValue())).toList();
        System.out.printf("%s: metric tables: %s%n", label, String.join(", ", sizes));
    }

    /** The metrics module's tables on PostgreSQL and their sizes (table, indexes, TOAST), largest first. */
    Map<String, Long> metricTables() throws Exception {
        var out = run("psql", options.get("psql"), "-XqtA", "-F", " ", "-c",
                "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND c.relname LIKE 'metric\\_%'"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 2 DESC");
        var tables = new LinkedHashMap<String, Long>();
        out.strip().lines().map(line -> line.split(" ")).forEach(parts -> tables.put(parts[0], Long.parseLong(parts[1])));
        return tables;
    }

    long opslineDiskBytes() throws Exception {
        if (options.containsKey("psql")) {
            var out = run("psql", options.get("psql"), "-XqtA", "-c",
                    "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE c.relkind IN ('r', 'p') AND c.relname LIKE 'metric\\_%'"
                            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')");
            return Long.parseLong(out.strip());
        }
        var dir = Path.of(required("h2-dir"));
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".mv.db")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    void registerTargets(double intervalSeconds) throws Exception {
        var interval = options.get("interval");
        int n = 0;
        for (var target : exporters().targets()) {
            var body = "{\"name\":\"bench-" + label + "-" + (n++) + "\",\"url\":\"" + target + "\",\"interval\":\"" + interval
                    + "\",\"timeout\":\"" + interval + "\",\"labels\":{\"job\":\"bench\"}}";
            var response = http.send(authorized(URI.create(url + "/api/v1/scrape-targets"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new BenchException("POST /api/v1/scrape-targets answered " + response.statusCode() + " (201 expected): "
                        + abbreviate(response.body()));
            }
        }
        System.out.printf("%s: %d scrape targets defined, every %s (%.3f s)%n", label, n, interval, intervalSeconds);
    }

    // --- HTTP -----------------------------------------------------------------------------------------

    HttpRequest.Builder authorized(URI uri) {
        var builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (opsline) {
            builder.header("Authorization", "Bearer " + required("token"));
        }
        return builder;
    }

    Map<String, Object> status() throws Exception {
        var response = http.send(authorized(URI.create(url + "/api/v1/metrics/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new BenchException("GET /api/v1/metrics/status answered " + response.statusCode()
                    + (response.statusCode() == 404 ? ": this Opsline build has no metrics API yet (the contract is in"
                            + " bench/README.md, Metrics benchmark)" : ": " + abbreviate(response.body())));
        }
        return Json.object(response.body());
    }

    List<Object> query(String promql) throws Exception {
        var answer = send(authorized(URI.create(url + "/api/v1/query?query=" + encode(promql))).GET(), 200);
        return Json.list(Json.object(answer.get("data")).get("result"));
    }

    Map<String, Object> queryRange(String promql, long startS, long endS, long step) throws Exception {
        return send(authorized(URI.create(url + "/api/v1/query_range?query=" + encode(promql) + "&start=" + startS + "&end="
                + endS + "&step=" + step)).GET(), 200);
    }

    Map<String, Object> send(HttpRequest.Builder request, int expected) throws Exception {
        var built = request.build();
        var response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new BenchException(built.method() + " " + built.uri().getPath() + " answered " + response.statusCode()
                    + ": " + abbreviate(response.body()));
        }
        var json = Json.object(response.body());
        if (json.containsKey("status") && !"success".equals(json.get("status"))) {
            throw new BenchException(built.uri() + " answered " + abbreviate(response.body()));
        }
        return json;
    }

    String get(String address) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new BenchException("GET " + address + " answered " + response.statusCode());
        }
        return response.body();
    }

    void control(String action) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(exporters().control() + action))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new BenchException("the exporters' control answered " + response.statusCode() + " to " + action);
        }
    }

    // --- Small helpers --------------------------------------------------------------------------------

    void put(String key, Object value) {
        figures.put(key, String.valueOf(value));
    }

    String required(String option) {
        var value = options.get(option);
        if (value == null) {
            throw new BenchException("--" + option + " is required");
        }
        return value;
    }

    static long number(Map<String, Object> json, String field) {
        if (!(json.get(field) instanceof Number number)) {
            throw new BenchException("the metrics status has no number " + field + ": " + json);
        }
        return number.longValue();
    }

    static double value(Object vectorElement) {
        return Double.parseDouble((String) Json.list(Json.object(vectorElement).get("value")).get(1));
    }

    /** A Prometheus duration ("1s", "500ms", "1m30s") in seconds. */
    static double seconds(String duration) {
        var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(duration);
        double total = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long n = Long.parseLong(matcher.group(1));
            total += switch (matcher.group(2)) {
                case "ms" -> n / 1000.0;
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86400;
            };
            end = matcher.end();
        }
        if (end != duration.length() || total <= 0) {
            throw new BenchException("not a duration: " + duration + " (use e.g. 1s, 500ms, 15s)");
        }
        return total;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        var flat = text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static String run(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new BenchException(String.join(" ", command).replaceAll("password=[^ &]*", "password=...") + " failed: "
                    + abbreviate(out));
        }
        return out;
    }
}
