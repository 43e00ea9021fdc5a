package io.opsline.metrics.internal.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opsline.metrics.Labels;
import io.opsline.metrics.internal.promql.QuerySettings.Windows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that Opsline's PromQL agrees with Prometheus: Opsline evaluates many expressions over the
 * same input series, writes its answers as the expected samples of a promtool unit test, and
 * promtool (Prometheus 2.42, Debian's) must accept every one of them.
 */
class PromtoolAgreementTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final long MINUTE = 60_000;

    /**
     * The input series, in promtool's notation, one sample a minute from time 0. Prometheus adds up
     * an aggregation in the order its index yields the series, which is not the order of their labels
     * that Opsline uses, so a sum of fractions may round differently in the last bit: counters grow
     * by multiples of 15 a minute so that most of their rates are exact binary fractions.
     */
    private static final String[][] SERIES = {
        {"http_requests_total{job=\"api\",instance=\"a\",code=\"200\"}", "0+60x20 30+60x20"},
        {"http_requests_total{job=\"api\",instance=\"b\",code=\"200\"}", "100+30x40"},
        {"http_requests_total{job=\"web\",instance=\"c\",code=\"200\"}", "1+120x15 2+120x12 0+90x12"},
        {"http_requests_total{job=\"api\",instance=\"a\",code=\"500\"}", "0+15x10 _x10 10+30x20"},
        {"memory_bytes{job=\"api\",instance=\"a\"}", "1000-10x20 800+25x20"},
        {"memory_bytes{job=\"api\",instance=\"b\"}", "500+3x40"},
        {"memory_bytes{job=\"web\",instance=\"c\"}", "2000-13x40"},
        {"limit_bytes{job=\"api\",instance=\"a\"}", "900x40"},
        {"limit_bytes{job=\"api\",instance=\"b\"}", "550x40"},
        {"temperature{sensor=\"x\"}", "-5+0.5x40"},
        {"temperature{sensor=\"y\"}", "3.25-0.75x40"},
        {"rare{job=\"api\"}", "1 _x8 2 _x8 3 _x8 4 _x8 5"},
        {"gone{job=\"api\"}", "1+1x5 stale _x3 7+1x5"},
    };

    private static final List<String> EXPRESSIONS = List.of(
            "http_requests_total",
            "http_requests_total{job=\"api\"}",
            "http_requests_total{code!=\"200\"}",
            "http_requests_total{instance=~\"a|c\"}",
            "http_requests_total{instance!~\"a\",job=\"api\"}",
            "{__name__=~\"http_.*\",code=\"500\"}",
            "rate(http_requests_total[5m])",
            "rate(http_requests_total[3m])",
            "rate(http_requests_total[150s])",
            "increase(http_requests_total[10m])",
            "increase(http_requests_total{code=\"500\"}[1h])",
            "irate(http_requests_total[5m])",
            "delta(memory_bytes[5m])",
            "delta(temperature[7m])",
            "idelta(memory_bytes[5m])",
            "avg_over_time(memory_bytes[5m])",
            "avg_over_time(temperature[9m])",
            "min_over_time(memory_bytes[10m])",
            "max_over_time(memory_bytes[10m])",
            "sum_over_time(memory_bytes[4m])",
            "count_over_time(http_requests_total[15m])",
            "last_over_time(memory_bytes[5m])",
            "sum(rate(http_requests_total[5m]))",
            "sum by (job) (rate(http_requests_total[5m]))",
            "sum(rate(http_requests_total[5m])) by (job, code)",
            "sum without (instance) (http_requests_total)",
            "avg by (job) (memory_bytes)",
            "avg(temperature)",
            "min(memory_bytes)",
            "max by (job) (memory_bytes)",
            "count without (instance, code) (http_requests_total)",
            "count(memory_bytes > 600)",
            "topk(2, memory_bytes)",
            "bottomk(1, memory_bytes) by (job)",
            "memory_bytes / limit_bytes",
            "memory_bytes / on(instance, job) limit_bytes",
            "memory_bytes - ignoring(job) limit_bytes",
            "memory_bytes > limit_bytes",
            "memory_bytes > bool limit_bytes",
            "memory_bytes <= on(instance) limit_bytes",
            "memory_bytes > 600",
            "memory_bytes > bool 600",
            "600 < memory_bytes",
            "600 >= bool memory_bytes",
            "memory_bytes == 920",
            "memory_bytes != bool 920",
            "memory_bytes * 2 + 1",
            "2 ^ 3 ^ 2",
            "-2 ^ 2",
            "(1 + 2) * 3 - 4 / 8",
            "10 % 3 + 2 * 3",
            "-memory_bytes",
            "memory_bytes % 7",
            "memory_bytes / 0",
            "(memory_bytes - 100) * -1",
            "1 - avg(memory_bytes) / 1000",
            "memory_bytes and on(instance) limit_bytes",
            "memory_bytes unless limit_bytes",
            "rare or memory_bytes{job=\"web\"}",
            "memory_bytes{job=\"web\"} or rare",
            "abs(temperature)",
            "ceil(temperature)",
            "floor(temperature)",
            "round(temperature)",
            "round(temperature, 2)",
            "clamp_min(temperature, 0)",
            "clamp_max(temperature, 1)",
            "scalar(sum(limit_bytes))",
            "scalar(limit_bytes{instance=\"a\"})",
            "time()",
            "vector(1)",
            "vector(time()) - 60",
            "memory_bytes / scalar(sum(limit_bytes))",
            "rare",
            "rate(rare[30m])",
            "count_over_time(rare[20m])",
            "sum(rare)",
            "gone",
            "count_over_time(gone[10m])",
            "sum by (job) (memory_bytes) / on(job) sum by (job) (limit_bytes)",
            "max_over_time(temperature[10m]) - min_over_time(temperature[10m])",
            "rate(http_requests_total{job=\"api\"}[5m]) * 60",
            "SUM BY (job) (http_requests_total)",
            "sum(http_requests_total) without (code)",
            "0x10 + 1e1 + .5");

    private static final List<String> EVAL_TIMES = List.of("0s", "5m", "10m", "13m30s", "21m", "25m", "31m", "40m", "47m");

    private static InMemorySeries input;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadSeries() {
        input = new InMemorySeries(MINUTE);
        for (var series : SERIES) {
            input.add(series[0], series[1]);
        }
    }

    @Test
    void promtoolAcceptsOpslinesAnswersToEveryExpression() throws Exception {
        requirePromtool();
        var evaluator = new PromqlEvaluator(input, QuerySettings.defaults().withWindows(Windows.CLOSED));
        var cases = new StringBuilder();
        var answered = 0;
        var total = 0;
        var withNaN = 0;
        for (var expression : EXPRESSIONS) {
            for (var evalTime : EVAL_TIMES) {
                var samples = samples(evaluator.instantQuery(expression, Durations.parseMillis(evalTime)));
                total++;
                if (samples.stream().anyMatch(sample -> sample[1].equals("NaN"))) {
                    // promtool 2.42 compares with reflect.DeepEqual, to which NaN never equals NaN.
                    withNaN++;
                    continue;
                }
                answered += samples.isEmpty() ? 0 : 1;
                cases.append(testCase(expression, evalTime, samples));
            }
        }
        assertThat(answered).as("expressions with a non-empty answer").isGreaterThan(total * 3 / 4);
        assertThat(withNaN).as("cases left out for a NaN").isLessThan(total / 20);

        var result = promtool(testFile(cases.toString()));

        if (result.exitCode() != 0) {
            // promtool loads the input series in an order of its own each run (a Go map's), and adds up
            // an aggregation in that order: a sum of inexact fractions may then differ in its last bits.
            assertThat(differencesBeyondRounding(result.output())).as(result.output()).isEmpty();
        } else {
            assertThat(result.output()).contains("SUCCESS");
        }
    }

    private static final Pattern EXPECTED = Pattern.compile("exp: (.*)\\R\\s*got: (.*)");
    private static final Pattern SAMPLE = Pattern.compile("(\\{[^}]*}) (\\S+?)(?:, |$)");

    /**
     * The failures in promtool's output that are more than a rounding apart (the same series, values
     * within a relative 1e-12); a failure promtool reports in another shape counts as one.
     */
    private static List<String> differencesBeyondRounding(String output) {
        var differences = new ArrayList<String>();
        var pairs = EXPECTED.matcher(output);
        var compared = 0;
        while (pairs.find()) {
            compared++;
            var expected = samplesOf(pairs.group(1));
            var got = samplesOf(pairs.group(2));
            var agree = expected.size() == got.size() && !expected.isEmpty();
            for (var i = 0; agree && i < expected.size(); i++) {
                var a = Double.parseDouble(expected.get(i)[1]);
                var b = Double.parseDouble(got.get(i)[1]);
                agree = expected.get(i)[0].equals(got.get(i)[0]) && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
            }
            if (!agree) {
                differences.add(pairs.group());
            }
        }
        if (compared == 0 || compared != output.split("exp:", -1).length - 1) {
            differences.add("promtool failed otherwise");
        }
        return differences;
    }

    private static List<String[]> samplesOf(String line) {
        var samples = new ArrayList<String[]>();
        var matcher = SAMPLE.matcher(line.strip());
        while (matcher.find()) {
            samples.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return samples;
    }

    @Test
    void onlyDifferencesInTheLastBitsPassForRounding() {
        var rounded = """
                Unit Testing:  agreement-test.yml
                  FAILED:
                    expr: "sum by (job) (rate(http_requests_total[5m]))", time: 25m,
                        exp: {job="api"} 1.8333333333333333E+00, {job="web"} 2E+00
                        got: {job="api"} 1.8333333333333335E+00, {job="web"} 2E+00
                """;
        assertThat(differencesBeyondRounding(rounded)).isEmpty();
        assertThat(differencesBeyondRounding(rounded.replace("1.8333333333333335E+00", "1.8333333343333335E+00")))
                .hasSize(1);
        assertThat(differencesBeyondRounding(rounded.replace("1.8333333333333335E+00, {job=\"web\"}",
                "1.8333333333333335E+00, {job=\"www\"}"))).hasSize(1);
        assertThat(differencesBeyondRounding("Unit Testing:  agreement-test.yml\n  FAILED:\n    a parse error\n"))
                .isNotEmpty();
    }

    @Test
    void promtoolRejectsAWrongAnswerSoTheAgreementAboveMeansSomething() throws Exception {
        requirePromtool();
        var evaluator = new PromqlEvaluator(input, QuerySettings.defaults().withWindows(Windows.CLOSED));
        var samples = samples(evaluator.instantQuery("rate(http_requests_total[5m])", 10 * MINUTE));
        var wrong = new ArrayList<String[]>();
        for (var sample : samples) {
            wrong.add(new String[] {sample[0], String.valueOf(Double.parseDouble(sample[1]) + 1e-9)});
        }

        var result = promtool(testFile(testCase("rate(http_requests_total[5m])", "10m", wrong)));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAILED");
    }

    @Test
    void leftOpenWindowsAgreeWithPromtoolWhereNoSampleSitsOnAWindowEdge() throws Exception {
        requirePromtool();
        // Prometheus 3 leaves a window's oldest edge out; off the sample grid both versions see the same samples.
        var evaluator = new PromqlEvaluator(input, QuerySettings.defaults());
        var cases = new StringBuilder();
        for (var expression : EXPRESSIONS) {
            for (var evalTime : List.of("13m30s", "27m15s")) {
                var samples = samples(evaluator.instantQuery(expression, Durations.parseMillis(evalTime)));
                if (samples.stream().noneMatch(sample -> sample[1].equals("NaN"))) {
                    cases.append(testCase(expression, evalTime, samples));
                }
            }
        }

        var result = promtool(testFile(cases.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static void requirePromtool() {
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed at " + PROMTOOL
                    + " (apt-get install prometheus); set CI to make this a failure");
        }
        assertThat(PROMTOOL).as("promtool, the peer this test compares with").isExecutable();
    }

    /** Each sample as its promtool labels text and its value; a scalar is one sample without labels. */
    private static List<String[]> samples(QueryResult result) {
        var samples = new ArrayList<String[]>();
        switch (result) {
            case QueryResult.Vector vector -> vector.samples().forEach(sample ->
                    samples.add(new String[] {seriesText(sample.labels()), yamlNumber(sample.value())}));
            case QueryResult.Scalar scalar -> samples.add(new String[] {"{}", yamlNumber(scalar.value())});
            default -> throw new IllegalArgumentException("not an instant result: " + result);
        }
        return samples;
    }

    private static String seriesText(Labels labels) {
        var name = labels.metricName();
        var rest = labels.drop(List.of(Labels.NAME)).toString();
        return name == null ? rest : name + rest;
    }

    private static String yamlNumber(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? ".inf" : "-.inf";
        }
        return Formats.number(value);
    }

    private static String testCase(String expression, String evalTime, List<String[]> samples) {
        var text = new StringBuilder();
        text.append("      - expr: '").append(expression.replace("'", "''")).append("'\n");
        text.append("        eval_time: ").append(evalTime).append('\n');
        if (samples.isEmpty()) {
            text.append("        exp_samples: []\n");
            return text.toString();
        }
        text.append("        exp_samples:\n");
        for (var sample : samples) {
            text.append("          - labels: '").append(sample[0].replace("'", "''")).append("'\n");
            text.append("            value: ").append(sample[1]).append('\n');
        }
        return text.toString();
    }

    private Path testFile(String cases) throws IOException {
        var yaml = new StringBuilder("rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
        for (var series : SERIES) {
            yaml.append("      - series: '").append(series[0]).append("'\n");
            yaml.append("        values: '").append(series[1]).append("'\n");
        }
        yaml.append("    promql_expr_test:\n").append(cases);
        var file = directory.resolve("agreement-test.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private record Outcome(int exitCode, String output) {
    }

    private Outcome promtool(Path file) throws Exception {
        var process = new ProcessBuilder(PROMTOOL.toString(), "test", "rules", file.getFileName().toString())
                .directory(directory.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        var tail = output.length() > 6000 ? output.substring(0, 6000) + "\n..." : output;
        return new Outcome(process.exitValue(), tail);
    }
}
