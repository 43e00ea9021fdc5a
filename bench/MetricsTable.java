import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The metrics benchmark's side-by-side table of its runs' result files, and the targets it holds them to. */
final class MetricsTable {

    private MetricsTable() {
    }


    /**
     * Bytes per sample of the stored data alone: on PostgreSQL measured after VACUUM FULL; on H2 the
     * growth of the file once rewritten by SHUTDOWN COMPACT after the store closed it. NaN when not
     * measured.
     */
    private static double storedBytesPerSample(Map<String, String> figures, String run) {
        if (figures.containsKey(run + ".stored.bytes.per.sample")) {
            return parse(figures.get(run + ".stored.bytes.per.sample"));
        }
        var closed = parse(figures.get(run + ".closed.bytes"));
        var before = parse(figures.get(run + ".disk.before"));
        var samples = parse(figures.get(run + ".disk.samples"));
        return Double.isNaN(closed) || Double.isNaN(before) || Double.isNaN(samples) || samples == 0 ? Double.NaN
                : (closed - before) / samples;
    }

    static void print(Path dir) throws IOException {
        var figures = new LinkedHashMap<String, String>();
        try (Stream<Path> files = Files.list(dir)) {
            for (var file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                figures.putAll(Results.read(file));
            }
        }
        var runs = List.of("h2", "postgresql", "prometheus");
        var names = List.of("Opsline H2", "Opsline PostgreSQL", "Prometheus 2.42");
        System.out.printf("%-46s %18s %18s %18s%n", "figure", names.get(0), names.get(1), names.get(2));
        row(figures, runs, "samples/s offered", "offered");
        row(figures, runs, "samples/s appended (measured)", "rate");
        row(figures, runs, "CPU s per million samples", "cpu.per.million");
        row(figures, runs, "bytes/sample on disk, as it runs", "bytes.per.sample");
        for (var run : runs) {
            var perSample = storedBytesPerSample(figures, run);
            if (!Double.isNaN(perSample)) {
                figures.put(run + ".stored.bytes.per.sample", "%.3f".formatted(perSample));
            }
        }
        row(figures, runs, "  stored data alone (compacted)", "stored.bytes.per.sample");
        row(figures, runs, "bytes/sample, compressed chunks only", "payload.bytes.per.sample");
        row(figures, runs, "samples measured on disk", "disk.samples");
        row(figures, runs, "rejected samples (measured window)", "rejected");
        row(figures, runs, "count(up)", "up.count");
        row(figures, runs, "count(up == 1)", "up.healthy");
        row(figures, runs, "sum(rate(" + MetricsBench.CHECKED_COUNTER + "[w]))", "rate.answer");
        row(figures, runs, "  window of rate()", "rate.window");
        row(figures, runs, "  true rate", "rate.truth");
        row(figures, runs, "  off by (%)", "rate.off.percent");
        row(figures, runs, "scrape duration avg (ms)", "scrape.avg.ms");
        row(figures, runs, "scrape duration max, last minute (ms)", "scrape.max.ms");
        row(figures, runs, "scrape interval p50 (s)", "interval.p5.s");
        row(figures, runs, "scrape interval p99 (s)", "interval.p99.s");
        row(figures, runs, "30-day query, step 60: p50 (ms)", "q30d.step60.p50.ms");
        row(figures, runs, "  p99 (ms)", "q30d.step60.p99.ms");
        row(figures, runs, "  max (ms)", "q30d.step60.max.ms");
        row(figures, runs, "30-day query, step 3600: p50 (ms)", "q30d.step3600.p50.ms");
        row(figures, runs, "  p99 (ms)", "q30d.step3600.p99.ms");
        row(figures, runs, "  max (ms)", "q30d.step3600.max.ms");
        row(figures, runs, "load average at the start", "load.start");
        row(figures, runs, "load average, end of measuring", "load.measured");
        row(figures, runs, "load average at the end", "load.end");
        for (var run : runs) {
            var refused = figures.get(run + ".q30d.step60");
            if (refused != null) {
                System.out.printf("%s: 30-day query, step 60: %s%n", run, refused);
            }
            for (var entry : figures.entrySet()) {
                if (entry.getKey().startsWith(run + ".wrong")) {
                    System.out.printf("%s: WRONG: %s%n", run, entry.getValue());
                }
            }
        }
        System.out.println();
        var prometheusRunning = parse(figures.get("prometheus.bytes.per.sample"));
        var prometheusBytes = parse(figures.get("prometheus.stored.bytes.per.sample"));
        for (int r = 0; r < 2; r++) {
            var run = runs.get(r);
            if (!figures.containsKey(run + ".offered")) {
                System.out.printf("%-20s not run (or failed before measuring)%n", names.get(r));
                continue;
            }
            double offered = parse(figures.get(run + ".offered"));
            double rate = parse(figures.get(run + ".rate"));
            String ingest = offered < 200_000
                    ? "NOT TESTED (only %,.0f/s offered: use --targets 200 or --interval 500ms)".formatted(offered)
                    : verdict(rate >= 200_000) + " (%,.0f/s)".formatted(rate);
            System.out.printf("%-20s >= 200,000 samples/s sustained: %s%n", names.get(r), ingest);
            // The target: the data once compacted, next to Prometheus' compacted block.
            double rewritten = parse(figures.get(run + ".stored.bytes.per.sample"));
            System.out.printf("%-20s bytes/sample after compaction <= 1.5 x Prometheus: %s%n", names.get(r),
                    Double.isNaN(rewritten) || Double.isNaN(prometheusBytes) ? "n/a"
                            : verdict(rewritten <= 1.5 * prometheusBytes) + " (%.3f vs %.3f, %.2f x)".formatted(
                                    rewritten, prometheusBytes, rewritten / prometheusBytes));
            double bytes = parse(figures.get(run + ".bytes.per.sample"));
            if (!Double.isNaN(bytes) && !Double.isNaN(prometheusRunning)) {
                System.out.printf("%-20s   as it runs, next to Prometheus' data directory: %.3f vs %.3f, %.2f x%n",
                        names.get(r), bytes, prometheusRunning, bytes / prometheusRunning);
            }
            double answer = parse(figures.get(run + ".rate.answer"));
            double prometheusAnswer = parse(figures.get("prometheus.rate.answer"));
            if (!Double.isNaN(answer) && !Double.isNaN(prometheusAnswer)) {
                System.out.printf("%-20s sum(rate(...)) next to Prometheus' answer: %.2f%% apart (each is held to the true rate)%n",
                        names.get(r), Math.abs(answer - prometheusAnswer) / prometheusAnswer * 100);
            }
            double p99 = slower(parse(figures.get(run + ".q30d.step60.p99.ms")), parse(figures.get(run + ".q30d.step3600.p99.ms")));
            System.out.printf("%-20s 30-day range query p99 < 50 ms: %s%n", names.get(r),
                    Double.isNaN(p99) ? "n/a" : verdict(p99 < 50) + " (%.1f ms, the slower of the steps answered)".formatted(p99));
        }
    }

    /** The larger of two latencies, either of which may be missing (NaN). */
    private static double slower(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static String verdict(boolean met) {
        return met ? "PASS" : "MISS";
    }

    private static double parse(String text) {
        try {
            return text == null ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void row(Map<String, String> figures, List<String> runs, String title, String key) {
        System.out.printf(Locale.ROOT, "%-46s %18s %18s %18s%n", title, figures.getOrDefault(runs.get(0) + "." + key, "-"),
                figures.getOrDefault(runs.get(1) + "." + key, "-"), figures.getOrDefault(runs.get(2) + "." + key, "-"));
    }
}
