package io.opsline.metrics.internal.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.promql.PromqlException.ErrorType;
import io.opsline.metrics.internal.promql.QueryResult.Matrix;
import io.opsline.metrics.internal.promql.QueryResult.Sample;
import io.opsline.metrics.internal.promql.QueryResult.Scalar;
import io.opsline.metrics.internal.promql.QueryResult.Text;
import io.opsline.metrics.internal.promql.QueryResult.Vector;
import io.opsline.metrics.internal.promql.QuerySettings.Windows;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromqlEvaluatorTest {

    private static final long MINUTE = 60_000;

    private final InMemorySeries series = new InMemorySeries(MINUTE)
            .add("requests_total{job=\"api\",instance=\"a\"}", "0+60x20 30+60x20")
            .add("requests_total{job=\"api\",instance=\"b\"}", "10+30x40")
            .add("requests_total{job=\"web\",instance=\"c\"}", "0+6x10 _x15 60+6x14")
            .add("memory{job=\"api\",instance=\"a\"}", "100+10x40")
            .add("memory{job=\"api\",instance=\"b\"}", "400-5x40")
            .add("limit{job=\"api\",instance=\"a\"}", "300x40")
            .add("limit{job=\"api\",instance=\"b\"}", "300x40")
            .add("odd{job=\"api\"}", "1 NaN Inf -Inf 5 6 7 8")
            .add("gone{job=\"api\"}", "1+1x5 stale _x3 7+1x5")
            .add("up{job=\"api\"}", "1x40")
            .add("up{job=\"api\",extra=\"x\"}", "0x40");
    private final PromqlEvaluator evaluator = new PromqlEvaluator(series, QuerySettings.defaults());

    @ParameterizedTest
    @ValueSource(strings = {
        "requests_total", "rate(requests_total[5m])", "irate(requests_total[3m])", "increase(requests_total[10m])",
        "sum by (job) (rate(requests_total[5m]))", "avg without (instance) (memory)", "count(memory > 150)",
        "topk(1, memory)", "bottomk(1, memory) by (job)", "memory / on(instance) limit", "memory > bool limit",
        "memory > 200", "memory and on(instance) limit", "memory unless on(instance) requests_total", "memory or limit",
        "-memory * 2 + 1", "scalar(sum(limit)) - memory", "time()", "vector(time())", "clamp_max(memory, 200)",
        "avg_over_time(memory[7m])", "last_over_time(gone[3m])", "max_over_time(odd[2m])", "sum_over_time(odd[3m])",
        "min(odd)", "round(memory / 7, 0.1)", "delta(memory[4m])", "idelta(memory[4m])"})
    void aRangeQueryAnswersAtEachStepWhatAnInstantQueryAnswersThen(String query) {
        var start = 90 * 1000L;
        var step = 45 * 1000L;
        var end = 45 * MINUTE;
        var range = (Matrix) evaluator.rangeQuery(query, start, end, step);

        for (var t = start; t <= end; t += step) {
            var expected = instantSamples(evaluator.instantQuery(query, t));
            var atStep = new java.util.ArrayList<Sample>();
            for (var data : range.series()) {
                for (var i = 0; i < data.count(); i++) {
                    if (data.timestamps()[i] == t) {
                        atStep.add(new Sample(data.labels(), data.values()[i]));
                    }
                }
            }
            assertThat(texts(atStep)).as("%s at %d", query, t).containsExactlyElementsOf(texts(expected));
        }
    }

    @Test
    void readsEachSelectorOnceForAWholeRangeQuery() {
        series.selects = 0;

        evaluator.rangeQuery("sum(rate(requests_total[5m])) / sum(memory) + sum(memory)", 0, 40 * MINUTE, 15_000);

        assertThat(series.selects).isEqualTo(3);
    }

    @Test
    void anInstantSelectorTakesTheNewestSampleWithinTheLookbackDelta() {
        // requests_total{instance="c"} has samples up to 10m, then none until 26m.
        assertThat(value("requests_total{instance=\"c\"}", 12 * MINUTE)).isEqualTo(60);
        assertThat(value("requests_total{instance=\"c\"}", 14 * MINUTE + 59_999)).isEqualTo(60);
        assertThat(samples("requests_total{instance=\"c\"}", 15 * MINUTE)).isEmpty();
        assertThat(samples("requests_total{instance=\"c\"}", 20 * MINUTE)).isEmpty();
        assertThat(value("requests_total{instance=\"c\"}", 26 * MINUTE)).isEqualTo(60);

        var shortLookback = new PromqlEvaluator(series, QuerySettings.defaults().withLookbackDelta(Duration.ofMinutes(1)));
        assertThat(instantSamples(shortLookback.instantQuery("requests_total{instance=\"c\"}", 12 * MINUTE))).isEmpty();
    }

    @Test
    void aStalenessMarkerEndsASeriesAtOnce() {
        assertThat(value("gone", 5 * MINUTE)).isEqualTo(6);
        assertThat(samples("gone", 6 * MINUTE)).isEmpty();
        assertThat(samples("gone", 9 * MINUTE)).isEmpty();
        assertThat(value("gone", 10 * MINUTE)).isEqualTo(7);
        // (0, 10m] holds 1m to 5m and 10m; the marker at 6m is no sample.
        assertThat(value("count_over_time(gone[10m])", 10 * MINUTE)).isEqualTo(6);
    }

    @Test
    void theOldestEdgeOfAWindowCountsOnlyForPrometheus2Windows() {
        var closed = new PromqlEvaluator(series, QuerySettings.defaults().withWindows(Windows.CLOSED));

        assertThat(value("count_over_time(memory{instance=\"a\"}[5m])", 10 * MINUTE)).isEqualTo(5);
        assertThat(instantSamples(closed.instantQuery("count_over_time(memory{instance=\"a\"}[5m])", 10 * MINUTE)))
                .extracting(Sample::value).containsExactly(6.0);
        assertThat(samples("requests_total{instance=\"c\"}", 15 * MINUTE)).isEmpty();
        assertThat(instantSamples(closed.instantQuery("requests_total{instance=\"c\"}", 15 * MINUTE))).hasSize(1);
    }

    @Test
    void rateAddsBackCounterResetsAndExtrapolatesToTheWindow() {
        // 60 a minute, but 30 in the minute of the reset at 21m (1200 -> 30).
        assertThat(value("rate(requests_total{instance=\"a\"}[5m])", 10 * MINUTE)).isEqualTo(1.0);
        // (18m, 23m] holds 19m..23m: 210 counted over 4m, extrapolated by the minute to the window's start.
        assertThat(value("increase(requests_total{instance=\"a\"}[5m])", 23 * MINUTE)).isEqualTo(262.5);
        assertThat(value("irate(requests_total{instance=\"a\"}[5m])", 21 * MINUTE)).isEqualTo(0.5);
        // Two samples of a series that starts at 10 within a 5m window: extrapolated to the zero point.
        assertThat(value("increase(requests_total{instance=\"b\"}[5m])", MINUTE)).isEqualTo(40.0);
        assertThat(samples("rate(requests_total{instance=\"c\"}[5m])", 20 * MINUTE)).isEmpty();
    }

    @Test
    void functionsAggregationsAndArithmeticDropTheMetricNameAndLastOverTimeKeepsIt() {
        assertThat(labels("rate(memory[5m])", 10 * MINUTE)).allMatch(l -> l.metricName() == null);
        assertThat(labels("abs(memory)", 10 * MINUTE)).allMatch(l -> l.metricName() == null);
        assertThat(labels("memory * 1", 10 * MINUTE)).allMatch(l -> l.metricName() == null);
        assertThat(labels("-memory", 10 * MINUTE)).allMatch(l -> l.metricName() == null);
        assertThat(labels("memory > bool 1", 10 * MINUTE)).allMatch(l -> l.metricName() == null);
        assertThat(labels("memory > 1", 10 * MINUTE)).allMatch(l -> "memory".equals(l.metricName()));
        assertThat(labels("last_over_time(memory[5m])", 10 * MINUTE)).allMatch(l -> "memory".equals(l.metricName()));
        assertThat(labels("sum by (__name__, job) (memory)", 10 * MINUTE)).containsExactly(Labels.of("__name__", "memory", "job", "api"));
    }

    @Test
    void handlesNanAndInfinityAsPrometheusDoes() {
        assertThat(value("odd", MINUTE)).isNaN();
        assertThat(value("odd", 2 * MINUTE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("memory{instance=\"a\"} / 0", MINUTE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("-memory{instance=\"a\"} / 0", MINUTE)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(((Scalar) evaluator.instantQuery("0 / 0", 0)).value()).isNaN();
        assertThat(((Scalar) evaluator.instantQuery("1 ^ NaN", 0)).value()).isEqualTo(1);
        assertThat(samples("odd == odd", MINUTE)).isEmpty();
        assertThat(samples("odd != 1", MINUTE)).hasSize(1);
        assertThat(value("max_over_time(odd[1m])", 2 * MINUTE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("min_over_time(odd[2m])", 3 * MINUTE)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value("avg_over_time(odd[2m])", 3 * MINUTE)).isNaN();
        assertThat(value("sum_over_time(odd[2m])", 3 * MINUTE)).isNaN();
        assertThat(value("sum_over_time(odd[1m])", 3 * MINUTE)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(((Scalar) evaluator.instantQuery("scalar(memory)", MINUTE)).value()).isNaN();
    }

    @Test
    void aScalarInARangeQueryIsOneSeriesWithoutLabels() {
        var matrix = (Matrix) evaluator.rangeQuery("time() * 2", 0, 2 * MINUTE, MINUTE);

        assertThat(matrix.series()).hasSize(1);
        var only = matrix.series().get(0);
        assertThat(only.labels()).isEqualTo(Labels.EMPTY);
        assertThat(only.timestamps()).containsExactly(0, MINUTE, 2 * MINUTE);
        assertThat(only.values()).containsExactly(0, 120, 240);
    }

    @Test
    void answersInstantQueriesInTheShapeOfTheirType() {
        assertThat(evaluator.instantQuery("\"hello\"", 5000)).isEqualTo(new Text(5000, "hello"));
        assertThat(evaluator.instantQuery("1 + 1", 5000)).isEqualTo(new Scalar(5000, 2));

        var raw = (Matrix) evaluator.instantQuery("memory{instance=\"a\"}[2m]", 10 * MINUTE);
        assertThat(raw.series()).hasSize(1);
        assertThat(raw.series().get(0).timestamps()).containsExactly(9 * MINUTE, 10 * MINUTE);
        assertThat(raw.series().get(0).labels().metricName()).isEqualTo("memory");
    }

    @Test
    void sortsResultSeriesByLabels() {
        assertThat(labels("memory or limit", 10 * MINUTE)).isSortedAccordingTo(Labels::compareTo);
        var range = (Matrix) evaluator.rangeQuery("memory or limit", 0, 10 * MINUTE, MINUTE);
        assertThat(range.series()).extracting(SeriesData::labels).isSortedAccordingTo(Labels::compareTo);
    }

    @Test
    void refusesTwoSeriesWithTheSameLabelsAtOneTime() {
        assertThatThrownBy(() -> evaluator.instantQuery("rate({__name__=~\"memory|limit\"}[5m])", 10 * MINUTE))
                .isInstanceOf(PromqlException.class)
                .hasMessage("vector cannot contain metrics with the same labelset");
    }

    @Test
    void refusesManyToManyAndManyToOneMatching() {
        assertThatThrownBy(() -> evaluator.instantQuery("memory / on(job) limit", 10 * MINUTE))
                .hasMessageStartingWith("found duplicate series for the match group {job=\"api\"} on the right hand-side of the operation")
                .hasMessageContaining("many-to-many matching not allowed");
        assertThatThrownBy(() -> evaluator.instantQuery("memory / on(job) sum by (job) (limit)", 10 * MINUTE))
                .hasMessage("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
    }

    @Test
    void refusesMoreStepsThanTheResolutionLimit() {
        assertThatThrownBy(() -> evaluator.rangeQuery("up", 0, 11_000 * 1000L, 1000))
                .isInstanceOf(PromqlException.class)
                .hasMessage("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        assertThat(evaluator.rangeQuery("up", 0, 10_999 * 1000L, 1000)).isInstanceOf(Matrix.class);
    }

    @Test
    void refusesBadRangeParameters() {
        assertThatThrownBy(() -> evaluator.rangeQuery("up", 0, 100, 0))
                .hasMessage("zero or negative query resolution step widths are not accepted. Try a positive integer");
        assertThatThrownBy(() -> evaluator.rangeQuery("up", 100, 0, 1))
                .hasMessage("end timestamp must not be before start time");
        assertThatThrownBy(() -> evaluator.rangeQuery("up[5m]", 0, 100, 1))
                .hasMessage("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
        assertThatThrownBy(() -> evaluator.rangeQuery("\"text\"", 0, 100, 1))
                .hasMessage("invalid expression type \"string\" for range query, must be Scalar or instant Vector");
    }

    @Test
    void refusesToReadMoreSeriesThanTheLimit() {
        var limited = new PromqlEvaluator(series, new QuerySettings(Duration.ofMinutes(5), 11_000, 3, Duration.ofSeconds(10), Windows.LEFT_OPEN, List.of(QuerySettings.Resolution.RAW)));

        assertThat(instantSamples(limited.instantQuery("memory + on(instance) limit{instance=\"a\"}", MINUTE))).hasSize(1);
        assertThatThrownBy(() -> limited.instantQuery("memory + on(instance) limit", MINUTE))
                .isInstanceOf(PromqlException.class)
                .hasMessage("query reads more than 3 series, the limit; narrow its selectors")
                .satisfies(e -> assertThat(((PromqlException) e).errorType()).isEqualTo(ErrorType.EXECUTION));
    }

    @Test
    void stopsAQueryThatRunsOutOfTime() {
        SeriesSource slow = (matchers, from, to) -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return series.select(matchers, from, to);
        };
        var impatient = new PromqlEvaluator(slow, new QuerySettings(Duration.ofMinutes(5), 11_000, 100, Duration.ofMillis(10), Windows.LEFT_OPEN, List.of(QuerySettings.Resolution.RAW)));

        assertThatThrownBy(() -> impatient.instantQuery("sum(memory)", MINUTE))
                .isInstanceOf(PromqlException.class)
                .hasMessage("query timed out in expression evaluation")
                .satisfies(e -> assertThat(((PromqlException) e).errorType()).isEqualTo(ErrorType.TIMEOUT));
    }

    @Test
    void topkKeepsTheHighestSeriesOfEachGroupWithTheirLabels() {
        assertThat(instantSamples(evaluator.instantQuery("topk(1, memory)", 10 * MINUTE)))
                .containsExactly(new Sample(Labels.of("__name__", "memory", "job", "api", "instance", "b"), 350));
        assertThat(instantSamples(evaluator.instantQuery("bottomk(5, memory)", 10 * MINUTE))).hasSize(2);
        assertThat(instantSamples(evaluator.instantQuery("topk(0, memory)", 10 * MINUTE))).isEmpty();
        assertThatThrownBy(() -> evaluator.instantQuery("topk(scalar(memory), memory)", 10 * MINUTE))
                .hasMessage("Scalar value NaN overflows int64");
    }

    @Test
    void setOperatorsMatchOnAllLabelsButTheName() {
        assertThat(labels("up and on() vector(1)", MINUTE)).hasSize(2);
        assertThat(labels("memory and limit", MINUTE)).hasSize(2);
        assertThat(labels("memory unless limit{instance=\"a\"}", MINUTE)).containsExactly(
                Labels.of("__name__", "memory", "job", "api", "instance", "b"));
        assertThat(labels("limit or memory", MINUTE)).allMatch(l -> "limit".equals(l.metricName()));
    }

    private double value(String query, long timeMs) {
        var samples = samples(query, timeMs);
        assertThat(samples).as(query).hasSize(1);
        return samples.get(0).value();
    }

    private List<Sample> samples(String query, long timeMs) {
        return instantSamples(evaluator.instantQuery(query, timeMs));
    }

    private List<Labels> labels(String query, long timeMs) {
        return samples(query, timeMs).stream().map(Sample::labels).toList();
    }

    private static List<Sample> instantSamples(QueryResult result) {
        return switch (result) {
            case Vector vector -> vector.samples();
            case Scalar scalar -> List.of(new Sample(Labels.EMPTY, scalar.value()));
            default -> throw new IllegalArgumentException("not an instant result: " + result);
        };
    }

    /** Samples as text, so that NaN equals NaN. */
    private static List<String> texts(List<Sample> samples) {
        return samples.stream().map(sample -> sample.labels() + " " + Formats.number(sample.value())).toList();
    }
}
