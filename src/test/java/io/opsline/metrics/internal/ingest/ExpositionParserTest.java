package io.opsline.metrics.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.opsline.metrics.Labels;

class ExpositionParserTest {

    /** What a sink saw of one sample, copied out of the reused {@link ScrapedSample}. */
    record Seen(String key, Labels labels, double value, Long timestampMs, MetricType type, int line) {
    }

    /** Bytes that matter to the grammar, to damage a text with. */
    private static final String DAMAGE = "{}\"\\=, #\n\tea1.+-_\u00ff";

    private final ExpositionParser parser = new ExpositionParser(IngestLimits.DEFAULTS);

    static byte[] resource(String name) {
        try (var in = ExpositionParserTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Seen> parse(String text, ExpositionFormat format) {
        return parse(text.getBytes(StandardCharsets.UTF_8), format);
    }

    private List<Seen> parse(byte[] body, ExpositionFormat format) {
        var seen = new ArrayList<Seen>();
        parser.parse(body, body.length, format, sample -> seen.add(new Seen(sample.key(), sample.labels(),
                sample.value(), sample.hasTimestamp() ? sample.timestampMs() : null, sample.type(), sample.line())));
        return seen;
    }

    private static Map<Labels, Double> byLabels(List<Seen> seen) {
        var map = new HashMap<Labels, Double>();
        seen.forEach(sample -> map.put(sample.labels(), sample.value()));
        return map;
    }

    @Test
    void parsesWhatTheNodeExporterServesEveryLineOfIt() {
        var body = resource("node-exporter.txt");
        var seen = new ArrayList<Seen>();
        var result = parser.parse(body, body.length, ExpositionFormat.PROMETHEUS_TEXT, sample -> seen.add(
                new Seen(sample.key(), sample.labels(), sample.value(), null, sample.type(), sample.line())));

        var sampleLines = new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).count();
        assertThat(result.samples()).isEqualTo(seen.size()).isEqualTo((int) sampleLines);
        assertThat(seen).extracting(Seen::key).doesNotHaveDuplicates();
        assertThat(byLabels(seen)).containsEntry(Labels.of(Labels.NAME, "promhttp_metric_handler_requests_total",
                "code", "200"), seen.stream().filter(s -> s.key().equals(
                        "promhttp_metric_handler_requests_total{code=\"200\"}")).findFirst().orElseThrow().value());
        assertThat(seen).filteredOn(s -> s.key().startsWith("node_cpu_seconds_total{"))
                .isNotEmpty().allSatisfy(s -> {
                    assertThat(s.type()).isEqualTo(MetricType.COUNTER);
                    assertThat(s.labels().get("cpu")).isNotEmpty();
                    assertThat(s.labels().get("mode")).isNotEmpty();
                    assertThat(s.value()).isGreaterThanOrEqualTo(0);
                });
        assertThat(seen).filteredOn(s -> s.key().startsWith("go_gc_duration_seconds"))
                .extracting(Seen::type).containsOnly(MetricType.SUMMARY);
        assertThat(result.families()).anySatisfy(family -> {
            assertThat(family.name()).isEqualTo("node_load1");
            assertThat(family.type()).isEqualTo(MetricType.GAUGE);
            assertThat(family.help()).isEqualTo("1m load average.");
        });
        var families = new String(body, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("# TYPE ")).count();
        assertThat(result.families()).hasSize((int) families);
    }

    @Test
    void parsesWhatPrometheusItselfServes() {
        var seen = parse(resource("prometheus.txt"), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(seen).anySatisfy(s -> {
            assertThat(s.labels().metricName()).isEqualTo("prometheus_build_info");
            assertThat(s.labels().get("version")).startsWith("2.42.0");
            assertThat(s.value()).isEqualTo(1.0);
        });
        assertThat(seen).filteredOn(s -> s.labels().metricName().equals("prometheus_tsdb_compaction_chunk_range_seconds_bucket"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.type()).isEqualTo(MetricType.HISTOGRAM))
                .anySatisfy(s -> assertThat(s.labels().get("le")).isEqualTo("+Inf"));
    }

    @Test
    void parsesOpenMetricsWithUnitsCreatedLinesExemplarsAndTimestampsInSeconds() {
        var body = resource("openmetrics.txt");
        var seen = new ArrayList<Seen>();
        var result = parser.parse(body, body.length, ExpositionFormat.OPENMETRICS, sample -> seen.add(new Seen(
                sample.key(), sample.labels(), sample.value(), sample.hasTimestamp() ? sample.timestampMs() : null,
                sample.type(), sample.line())));

        assertThat(result.exemplarsSkipped()).isEqualTo(2);
        assertThat(result.families()).contains(
                new MetricFamily("http_request_duration_seconds", MetricType.HISTOGRAM,
                        "Time spent answering \"HTTP\" requests,\nby handler.", "seconds"),
                new MetricFamily("build", MetricType.INFO, "Build of the service.", ""),
                new MetricFamily("feature", MetricType.STATESET, "", ""));
        assertThat(seen).filteredOn(s -> s.key().startsWith("http_request_duration_seconds"))
                .extracting(Seen::type).containsOnly(MetricType.HISTOGRAM);
        var values = byLabels(seen);
        assertThat(values.get(Labels.of(Labels.NAME, "http_request_duration_seconds_created", "handler", "/api")))
                .isEqualTo(1.7e9);
        assertThat(values.get(Labels.of(Labels.NAME, "build_info", "version", "1.2.3"))).isEqualTo(1.0);
        assertThat(values.get(Labels.of(Labels.NAME, "queue_depth"))).isNaN();
        assertThat(values.get(Labels.of(Labels.NAME, "temperature_celsius", "sensor", "inlet")))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(seen).filteredOn(s -> s.key().equals("queue_depth")).singleElement()
                .extracting(Seen::timestampMs).isEqualTo(1_700_000_000_123L);
        assertThat(seen).filteredOn(s -> s.key().startsWith("feature{")).hasSize(2)
                .allSatisfy(s -> assertThat(s.type()).isEqualTo(MetricType.STATESET));
    }

    @Test
    void handsOverTheKeyAsWrittenAndLabelsSortedAndUnescaped() {
        var seen = parse("""
                # TYPE ping_seconds gauge
                ping_seconds{target="a\\"b\\\\c\\nd",  zone = "eu" ,} 0.25 1700000000000
                requests_total 7
                """, ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(seen).hasSize(2);
        var first = seen.get(0);
        assertThat(first.key()).isEqualTo("ping_seconds{target=\"a\\\"b\\\\c\\nd\",  zone = \"eu\" ,}");
        assertThat(first.labels()).isEqualTo(Labels.of(Labels.NAME, "ping_seconds", "target", "a\"b\\c\nd", "zone", "eu"));
        assertThat(first.timestampMs()).isEqualTo(1_700_000_000_000L);
        assertThat(first.type()).isEqualTo(MetricType.GAUGE);
        assertThat(seen.get(1)).isEqualTo(new Seen("requests_total", Labels.of(Labels.NAME, "requests_total"), 7, null,
                MetricType.UNTYPED, 3));
    }

    @Test
    void offersTheKeyAsBytesWithoutParsingLabels() {
        var body = "a{x=\"1\"} 1\nb 2\n".getBytes(StandardCharsets.UTF_8);
        var keys = new ArrayList<String>();
        parser.parse(body, body.length, ExpositionFormat.PROMETHEUS_TEXT, sample -> {
            assertThat(sample.keyHash()).isEqualTo(java.util.Arrays.hashCode(sample.keyBytes()));
            assertThat(sample.keyEquals(sample.key().getBytes(StandardCharsets.UTF_8))).isTrue();
            keys.add(new String(sample.keyBuffer(), sample.keyOffset(), sample.keyLength(), StandardCharsets.UTF_8));
        });
        assertThat(keys).containsExactly("a{x=\"1\"}", "b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|1.0", "-2.5|-2.5", "1e3|1000.0", "1.5E-3|0.0015", "+Inf|Infinity", "-Inf|-Infinity", "inf|Infinity",
        "0.1|0.1", "123456789012345678901234|1.2345678901234568E23", "4.9e-324|4.9E-324", "1.7976931348623157e308|1.7976931348623157E308",
        "0.000000000000000000000000001|1.0E-27", "3.14159265358979323846|3.141592653589793", ".5|0.5", "5.|5.0",
        "-0|-0.0", "1e400|Infinity", "00012.50|12.5"})
    void readsNumbersAsGoDoes(String written, double expected) {
        var seen = parse("m " + written + "\n", ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(seen.get(0).value()).isEqualTo(expected);
    }

    @Test
    void readsNaN() {
        assertThat(parse("m NaN\n", ExpositionFormat.PROMETHEUS_TEXT).get(0).value()).isNaN();
    }

    @Test
    void anEmptyLabelValueIsTheSameSeriesAsNoLabel() {
        assertThatThrownBy(() -> parse("m{a=\"\"} 1\nm 2\n", ExpositionFormat.PROMETHEUS_TEXT))
                .hasMessage("line 2: series \"m\" appears twice; first on line 1");
    }

    @Test
    void reusesItselfForTheNextScrape() {
        parse("a 1\n", ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(parse("a 2\n", ExpositionFormat.PROMETHEUS_TEXT)).extracting(Seen::value).containsExactly(2.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // the 0.0.4 text format
        "bad metric name|`a 1\n1abc 2\n`|line 2: invalid metric name: it must start with a letter, '_' or ':', found '1' at column 1",
        "bad char in name|`a-b 1\n`|line 1: expected a space after the metric name, found '-' at column 2",
        "bad label name|`a{1x=\"y\"} 1\n`|line 1: invalid label name in the labels: it must start with a letter or '_', found '1' at column 3",
        "duplicate label|`a{x=\"1\",y=\"2\",x=\"3\"} 1\n`|line 1: label x appears twice in the labels",
        "unterminated quote|`a 1\nb{x=\"1} 2\n`|line 2: the value of label x has no closing '\"'",
        "bad escape|`a{x=\"1\\t\"} 2\n`|line 1: bad escape \"\\t\" in the value of label x at column 7; only \\\\, \\\" and \\n are allowed",
        "missing value|`a{x=\"1\"}\n`|line 1: missing value after \"a{x=\"1\"}\"",
        "missing value after blank|`a   \n`|line 1: missing value after the metric name",
        "bad number|`a 1.2.3\n`|line 1: bad value \"1.2.3\" at column 3; expected a number, NaN, +Inf or -Inf",
        "java-only number|`a 1d\n`|line 1: bad value \"1d\" at column 3; expected a number, NaN, +Inf or -Inf",
        "hex number|`a 0x10\n`|line 1: bad value \"0x10\" at column 3; expected a number, NaN, +Inf or -Inf",
        "bad timestamp|`a 1 12.5\n`|line 1: bad timestamp \"12.5\" at column 5; expected whole milliseconds",
        "text after timestamp|`a 1 12 x\n`|line 1: unexpected text after the timestamp, found 'x' at column 8",
        "name label|`a{__name__=\"b\"} 1\n`|line 1: label __name__ in braces; the metric name goes before them",
        "missing brace|`a{x=\"1\" 1\n`|line 1: expected ',' or '}' after the value of label x, found '1' at column 9",
        "missing equals|`a{x \"1\"} 1\n`|line 1: expected '=' after label name x, found '\"' at column 5",
        "repeated series|`a{x=\"1\",y=\"2\"} 1\nb 1\na{y=\"2\",x=\"1\"} 2\n`|line 3: series \"a{y=\"2\",x=\"1\"}\" appears twice; first on line 1",
        "second TYPE|`# TYPE a gauge\n# TYPE a counter\n`|line 2: second # TYPE line for a",
        "second HELP|`# HELP a x\n# HELP a y\n`|line 2: second # HELP line for a",
        "TYPE after samples|`a 1\n# TYPE a gauge\n`|line 2: # TYPE for a after its sample a (line 1); it must come before the family's samples",
        "unknown type|`# TYPE a stateset\n`|line 1: unknown metric type \"stateset\" for a; PROMETHEUS_TEXT knows counter, gauge, histogram, summary, untyped",
        "bad HELP escape|`# HELP a x\\q\n`|line 1: bad escape \"\\q\" in the # HELP text at column 11",
        "text after EOF is fine in 0.0.4 comments|`# EOF\na 1\n# EOF\nb 2\nc\n`|line 5: missing value after \"c\"",
    })
    void refusesBadPrometheusText(String name, String body, String message) {
        assertRefused(body, ExpositionFormat.PROMETHEUS_TEXT, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "missing EOF|`a 1\n`|line 2: missing # EOF; OpenMetrics text must end with it",
        "text after EOF|`a 1\n# EOF\nb 1\n`|line 3: text after # EOF, which must be the last line",
        "blank line after EOF|`a 1\n# EOF\n\n`|line 3: text after # EOF, which must be the last line",
        "EOF with text|`# EOF now\n`|line 1: # EOF must be alone on its line",
        "plain comment|`# just a note\n# EOF\n`|line 1: a comment in OpenMetrics must be # HELP, # TYPE, # UNIT or # EOF, not \"# just a note\"",
        "empty line|`a 1\n\n# EOF\n`|line 2: empty line; OpenMetrics allows none",
        "HELP after samples|`# TYPE a counter\na_total 1\n# HELP a late\n# EOF\n`|line 3: # HELP for a after its sample a_total (line 2); it must come before the family's samples",
        "TYPE after samples without one before|`a_bucket{le=\"1\"} 1\n# TYPE a histogram\n# EOF\n`|line 2: # TYPE for a after its sample a_bucket (line 1); it must come before the family's samples",
        "family split|`# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# HELP a again\n# EOF\n`|line 5: # HELP for a after another family began; OpenMetrics keeps a family's lines together",
        "two spaces|`a  1\n# EOF\n`|line 1: expected one space after the metric name, found ' ' at column 2",
        "trailing comma|`a{x=\"1\",} 1\n# EOF\n`|line 1: a ',' before '}' in the labels; OpenMetrics allows none at column 9",
        "bad unit|`# TYPE a_bytes gauge\n# UNIT a_bytes seconds\n# EOF\n`|line 2: unit \"seconds\" must end the metric name a_bytes after an _",
        "unknown type|`# TYPE a untyped\n# EOF\n`|line 1: unknown metric type \"untyped\" for a; OPENMETRICS knows counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown",
        "bad timestamp|`a 1 tomorrow\n# EOF\n`|line 1: bad timestamp \"tomorrow\" at column 5; expected a number, NaN, +Inf or -Inf",
        "bad exemplar|`a_total 1 # x\n# EOF\n`|line 1: expected an exemplar ' # {labels} value' or the end of the line, found '#' at column 11",
        "exemplar without value|`a_total 1 # {id=\"x\"}\n# EOF\n`|line 1: missing value of the exemplar",
        "exemplar bad label|`a_total 1 # {id=\"x} 1\n# EOF\n`|line 1: the value of label id has no closing '\"'",
        "tab separator|`a\t1\n# EOF\n`|line 1: expected one space after the metric name, found byte 0x09 at column 2",
        "HELP without name|`# HELP\n# EOF\n`|line 1: # HELP needs a metric name",
    })
    void refusesBadOpenMetrics(String name, String body, String message) {
        assertRefused(body, ExpositionFormat.OPENMETRICS, message);
    }

    private void assertRefused(String body, ExpositionFormat format, String message) {
        assertThatThrownBy(() -> parse(body, format)).isInstanceOf(ExpositionException.class).hasMessage(message);
    }

    @Test
    void refusesALabelValueOverTheLimitCountingCharactersNotBytes() {
        var limited = new ExpositionParser(new IngestLimits(4, 64, 1024, 1024));
        var fits = "a{x=\"äöü€\"} 1\n".getBytes(StandardCharsets.UTF_8);
        limited.parse(fits, fits.length, ExpositionFormat.PROMETHEUS_TEXT, sample -> { });

        var tooLong = "a{x=\"äöü€x\"} 1\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> limited.parse(tooLong, tooLong.length, ExpositionFormat.PROMETHEUS_TEXT, sample -> { }))
                .hasMessage("line 1: the value of label x has 5 characters, more than the limit of 4");
    }

    @Test
    void refusesALabelValueOfTheDefaultLimitPlusOne() {
        var ok = "a{x=\"" + "v".repeat(2048) + "\"} 1\n";
        assertThat(parse(ok, ExpositionFormat.PROMETHEUS_TEXT)).hasSize(1);
        assertThatThrownBy(() -> parse("a{x=\"" + "v".repeat(2049) + "\"} 1\n", ExpositionFormat.PROMETHEUS_TEXT))
                .hasMessage("line 1: the value of label x has 2049 characters, more than the limit of 2048");
    }

    @Test
    void refusesMoreLabelsThanTheLimit() {
        var labels = new StringBuilder();
        for (var i = 0; i < 65; i++) {
            labels.append(i == 0 ? "" : ",").append("l").append(i).append("=\"v\"");
        }
        assertThatThrownBy(() -> parse("a{" + labels + "} 1\n", ExpositionFormat.PROMETHEUS_TEXT))
                .hasMessage("line 1: more than 64 labels in the labels");
    }

    @Test
    void refusesInvalidUtf8InALabelValue() {
        var body = new byte[] {'a', '{', 'x', '=', '"', (byte) 0xc3, '"', '}', ' ', '1', '\n'};
        assertThatThrownBy(() -> parse(body, ExpositionFormat.PROMETHEUS_TEXT))
                .hasMessage("line 1: invalid UTF-8 in the value of label x at column 6");
    }

    @Test
    void failsTheWholeScrapeOnOneBadLineAfterGoodOnes() {
        var received = new ArrayList<String>();
        var body = "a 1\nb 2\nc x\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(body, body.length, ExpositionFormat.PROMETHEUS_TEXT,
                sample -> received.add(sample.key())))
                .isInstanceOf(ExpositionException.class)
                .extracting(e -> ((ExpositionException) e).line()).isEqualTo(3);
        assertThat(received).as("tentative samples the sink must drop").containsExactly("a", "b");
    }

    @Test
    void acceptsTheLaxSpellingsOfTheOldFormat() {
        var seen = parse("\r\n  # a plain comment\n\ta\t{x=\"1\"}\t 5 \t-3\r\n# HELP\n#HELP x\n", ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.labels()).isEqualTo(Labels.of(Labels.NAME, "a", "x", "1"));
            assertThat(s.timestampMs()).isEqualTo(-3L);
            assertThat(s.line()).isEqualTo(3);
        });
    }

    @Test
    void findsTheOneRepeatedSeriesAmongAHundredThousand() {
        var copies = IngestThroughput.hundredCopies(resource("node-exporter.txt"));
        var count = parser.parse(copies, copies.length, ExpositionFormat.PROMETHEUS_TEXT, sample -> { }).samples();
        assertThat(count).isGreaterThan(50_000);

        var text = new String(copies, StandardCharsets.UTF_8);
        var repeated = text.lines().filter(line -> line.startsWith("node_load1{copy=\"42\"}")).findFirst().orElseThrow();
        var firstLine = text.lines().toList().indexOf(repeated) + 1;
        var body = (text + repeated + "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(body, body.length, ExpositionFormat.PROMETHEUS_TEXT, sample -> { }))
                .hasMessage("line " + (text.lines().count() + 1) + ": series \"node_load1{copy=\"42\"}\" appears twice; first on line "
                        + firstLine);
    }

    @Test
    void neverFailsOtherwiseOnRandomDamage() {
        var random = new java.util.Random(5);
        var valid = resource("openmetrics.txt");
        var failures = 0;
        for (var round = 0; round < 20_000; round++) {
            var damaged = valid.clone();
            for (var hits = 1 + random.nextInt(3); hits > 0; hits--) {
                damaged[random.nextInt(damaged.length)] = (byte) DAMAGE.charAt(random.nextInt(DAMAGE.length()));
            }
            for (var format : ExpositionFormat.values()) {
                try {
                    parser.parse(damaged, damaged.length, format, sample -> sample.labels());
                } catch (ExpositionException expected) {
                    assertThat(expected.line()).isPositive();
                    failures++;
                }
            }
        }
        assertThat(failures).isPositive();
    }
}
