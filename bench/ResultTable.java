import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The side-by-side table of result files: each engine's figures next to the targets. */
final class ResultTable {

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
