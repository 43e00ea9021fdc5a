import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The metrics benchmark's remote-write phases: a short round trip through Prometheus' receiver,
 * which proves the encoder, and Opsline's 30 days of one series, written through remote write and
 * then read with timed query_range calls. Uses the client's HTTP helpers and records into its figures.
 */
final class RemoteWritePhase {

    private final MetricsBench bench;

    RemoteWritePhase(MetricsBench bench) {
        this.bench = bench;
    }

    /** Writes a short recent series to Prometheus through remote write and reads it back: proves the encoder. */
    void roundTrip(String prefix) throws Exception {
        var name = "bench_remote_write_check";
        var run = Long.toString(System.nanoTime(), 36);
        long end = System.currentTimeMillis() / 60_000 * 60_000;
        int count = 30;
        long[] times = minutesEndingAt(end, count);
        double[] values = curveAt(count);
        remoteWrite(name, run, times, values);
        var answer = bench.queryRange(name + "{run=\"" + run + "\"}", times[0] / 1000, end / 1000, 60);
        String problem = compare(answer, times, values, 1);
        bench.put(prefix + "remote.write.check", problem == null ? "ok" : problem);
        System.out.printf("%s: remote write of %d samples read back: %s%n", bench.label, count,
                problem == null ? "all equal" : problem);
        if (problem != null) {
            bench.wrong.add("remote write round trip: " + problem);
        }
    }

    /** 30 days of one series at 1-minute steps, written through remote write, then query_range timed. */
    void thirtyDayQuery(String prefix) throws Exception {
        var name = "bench_thirty_days";
        var run = Long.toString(System.nanoTime(), 36);
        long end = System.currentTimeMillis() / 60_000 * 60_000;
        int count = (int) (30 * MetricsBench.DAY_MS / 60_000);
        long[] times = minutesEndingAt(end, count);
        double[] values = curveAt(count);
        long storedBefore = MetricsBench.number(bench.status(), "storedSamples");
        // Ten requests of three days each, oldest first, as a remote-write client catching up would send them.
        int per = count / 10;
        for (int from = 0; from < count; from += per) {
            int to = Math.min(count, from + per);
            remoteWrite(name, run, Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(values, from, to));
        }
        bench.waitForCompaction(Integer.parseInt(bench.options.getOrDefault("settle", "240")), storedBefore + count);
        bench.waitForRollups(Integer.parseInt(bench.options.getOrDefault("settle", "240")));
        var selector = name + "{run=\"" + run + "\"}";
        // On whole hours, as Grafana aligns a range to its step: each step then ends a rollup bucket.
        long startS = Math.floorDiv(end - 30 * MetricsBench.DAY_MS, 3_600_000L) * 3600;
        long endS = Math.floorDiv(end, 3_600_000L) * 3600;
        // The hourly answer is checked point by point: each step lands on a written minute.
        var hourly = bench.queryRange(selector, startS, endS, 3600);
        int stride = 60;
        int first = (int) ((startS * 1000 - times[0]) / 60_000);
        var expectedTimes = new ArrayList<Long>();
        var expectedValues = new ArrayList<Double>();
        for (int i = first; i < count; i += stride) {
            if (i >= 0) {
                expectedTimes.add(times[i]);
                expectedValues.add(values[i]);
            }
        }
        String problem = compare(hourly, expectedTimes.stream().mapToLong(Long::longValue).toArray(),
                expectedValues.stream().mapToDouble(Double::doubleValue).toArray(), 1);
        if (problem != null) {
            bench.wrong.add("30-day query, step 3600: " + problem);
        }
        int queries = Integer.parseInt(bench.options.getOrDefault("queries", "500"));
        for (int step : new int[] {60, 3600}) {
            time(prefix, selector, startS, endS, step, queries);
        }
    }

    /** Times query_range over the month at one step; a refusal (too many points) is recorded, not thrown. */
    private void time(String prefix, String selector, long startS, long endS, int step, int queries) throws Exception {
        var uri = URI.create(bench.url + "/api/v1/query_range?query=" + MetricsBench.encode(selector) + "&start=" + startS
                + "&end=" + endS + "&step=" + step);
        var key = prefix + "q30d.step" + step;
        var first = get(uri);
        if (first.statusCode() != 200) {
            var refusal = "HTTP " + first.statusCode() + " " + MetricsBench.abbreviate(first.body());
            bench.put(key, "refused: " + refusal);
            System.out.printf("%s: 30-day query, step %d: %s%n", bench.label, step, refusal);
            return;
        }
        long[] nanos = new long[queries];
        for (int q = 0; q < queries; q++) {
            long t = System.nanoTime();
            var response = get(uri);
            nanos[q] = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new MetricsBench.BenchException("30-day query answered " + response.statusCode() + ": "
                        + MetricsBench.abbreviate(response.body()));
            }
        }
        // Which queries were slow says whether the first ones (a cold start) or ones now and then were.
        var slowest = IntStream.range(0, queries).boxed().sorted((x, y) -> Long.compare(nanos[y], nanos[x])).limit(3)
                .map(q -> "#%d %.1f ms".formatted(q + 1, nanos[q] / 1e6)).toList();
        System.out.printf("%s: 30-day query_range, step %d: slowest %s%n", bench.label, step, String.join(", ", slowest));
        Arrays.sort(nanos);
        bench.put(key + ".p50.ms", "%.1f".formatted(MetricsBench.percentile(nanos, 0.50) / 1e6));
        bench.put(key + ".p99.ms", "%.1f".formatted(MetricsBench.percentile(nanos, 0.99) / 1e6));
        bench.put(key + ".max.ms", "%.1f".formatted(nanos[queries - 1] / 1e6));
        System.out.printf("%s: 30-day query_range, step %d, %d times: p50 %s ms, p99 %s ms, max %s ms%n", bench.label,
                step, queries, bench.figures.get(key + ".p50.ms"), bench.figures.get(key + ".p99.ms"),
                bench.figures.get(key + ".max.ms"));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return bench.http.send(bench.authorized(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} whole minutes (in milliseconds), oldest first, the last at {@code end}. */
    static long[] minutesEndingAt(long end, int count) {
        return LongStream.range(0, count).map(i -> end - (count - 1 - i) * 60_000L).toArray();
    }

    /** The curve's values at minutes 0 to {@code count - 1}. */
    static double[] curveAt(int count) {
        return IntStream.range(0, count).mapToDouble(RemoteWritePhase::curve).toArray();
    }

    /** A smooth daily curve with two decimals: the written values, recomputed to check what comes back. */
    static double curve(int minute) {
        return Math.round((20 + 10 * Math.sin(minute * 2 * Math.PI / 1440)) * 100) / 100.0;
    }

    /** Says what differs between a query_range answer (one series expected) and the written samples, or null. */
    static String compare(Map<String, Object> answer, long[] times, double[] values, int seriesExpected) {
        var result = Json.list(Json.object(answer.get("data")).get("result"));
        if (result.size() != seriesExpected) {
            return result.size() + " series in the answer, " + seriesExpected + " expected";
        }
        var points = Json.list(Json.object(result.get(0)).get("values"));
        if (points.size() != times.length) {
            return points.size() + " points in the answer, " + times.length + " expected";
        }
        for (int i = 0; i < times.length; i++) {
            var point = Json.list(points.get(i));
            long at = Math.round(((Number) point.get(0)).doubleValue() * 1000);
            double value = Double.parseDouble((String) point.get(1));
            if (at != times[i] || value != values[i]) {
                return "point " + i + " is (" + at + " ms, " + value + "), (" + times[i] + " ms, " + values[i] + ") expected";
            }
        }
        return null;
    }

    void remoteWrite(String name, String run, long[] times, double[] values) throws Exception {
        var body = RemoteWrite.encode(List.of("__name__", name, "job", "bench", "run", run), times, values);
        var request = bench.authorized(URI.create(bench.url + "/api/v1/write"))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RemoteWrite.snappyLiterals(body))).build();
        var response = bench.http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new MetricsBench.BenchException("POST /api/v1/write answered " + response.statusCode() + ": "
                    + MetricsBench.abbreviate(response.body()));
        }
    }
}
