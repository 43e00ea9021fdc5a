package io.opsline.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Service;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.internal.promql.Expr;
import io.opsline.metrics.internal.promql.PromqlEvaluator;
import io.opsline.metrics.internal.promql.PromqlException;
import io.opsline.metrics.internal.promql.PromqlParser;
import io.opsline.metrics.internal.promql.QueryResult;
import io.opsline.metrics.internal.promql.QuerySettings;
import io.opsline.metrics.internal.promql.QuerySettings.Resolution;
import io.opsline.metrics.internal.promql.QuerySettings.Windows;
import io.opsline.metrics.internal.store.MetricStore;

/**
 * The Prometheus query API's work: PromQL over the store, and the series and label lookups whose
 * {@code match[]} selectors are PromQL too. Times are milliseconds since the epoch.
 */
@Service
public class MetricQueries {

    private final MetricStore store;
    private final PromqlEvaluator evaluator;

    MetricQueries(MetricStore store, MetricsProperties properties) {
        this.store = store;
        var query = properties.query();
        var resolutions = new ArrayList<Resolution>();
        resolutions.add(new Resolution(0, properties.retention().raw()));
        properties.rollups().forEach(rollup -> resolutions.add(new Resolution(rollup.resolution().toMillis(),
                rollup.retention())));
        this.evaluator = new PromqlEvaluator(store, new QuerySettings(query.lookbackDelta(), query.maxPoints(),
                query.maxSeries(), query.timeout(), query.closedWindows() ? Windows.CLOSED : Windows.LEFT_OPEN,
                resolutions));
    }

    public QueryResult instant(String query, long timeMs) {
        return evaluator.instantQuery(required("query", query), timeMs);
    }

    public QueryResult range(String query, long startMs, long endMs, long stepMs) {
        required("query", query);
        if (endMs < startMs) {
            throw badData("invalid parameter \"end\": end timestamp must not be before start time");
        }
        if (stepMs <= 0) {
            throw badData("invalid parameter \"step\": zero or negative query resolution step widths are not"
                    + " accepted. Try a positive integer");
        }
        return evaluator.rangeQuery(query, startMs, endMs, stepMs);
    }

    /** The labels of the series any selector matches that have samples in the range, sorted, each once. */
    public List<Labels> series(List<String> selectors, long fromMs, long toMs) {
        if (selectors == null || selectors.isEmpty()) {
            throw badData("no match[] parameter provided");
        }
        var found = new TreeSet<Labels>();
        for (var matchers : matcherSets(selectors)) {
            found.addAll(store.series(matchers, fromMs, toMs));
        }
        return List.copyOf(found);
    }

    /** The label names of the series the selectors match (of every series without selectors), sorted. */
    public List<String> labelNames(List<String> selectors, long fromMs, long toMs) {
        var names = new TreeSet<String>();
        for (var matchers : matcherSetsOrAll(selectors)) {
            names.addAll(store.labelNames(matchers, fromMs, toMs));
        }
        return List.copyOf(names);
    }

    /** The values one label has among the series the selectors match (among every series without selectors), sorted. */
    public List<String> labelValues(String name, List<String> selectors, long fromMs, long toMs) {
        var values = new TreeSet<String>();
        for (var matchers : matcherSetsOrAll(selectors)) {
            values.addAll(store.labelValues(name, matchers, fromMs, toMs));
        }
        return List.copyOf(values);
    }

    private List<List<Matcher>> matcherSetsOrAll(List<String> selectors) {
        return selectors == null || selectors.isEmpty() ? List.of(List.of()) : matcherSets(selectors);
    }

    /** Each {@code match[]} parsed as a PromQL series selector, as Prometheus reads them. */
    private static List<List<Matcher>> matcherSets(List<String> selectors) {
        Set<List<Matcher>> sets = new LinkedHashSet<>();
        for (var selector : selectors) {
            if (!(PromqlParser.parse(required("match[]", selector)) instanceof Expr.VectorSelector vector)) {
                throw badData("invalid parameter \"match[]\": " + selector + " is not a series selector such as"
                        + " up{job=\"node\"}");
            }
            sets.add(new ArrayList<>(vector.matchers()));
        }
        return List.copyOf(sets);
    }

    private static String required(String parameter, String query) {
        if (query == null || query.isBlank()) {
            throw badData("invalid parameter \"" + parameter + "\": parse error: no expression found in input");
        }
        return query;
    }

    private static PromqlException badData(String message) {
        return new PromqlException(PromqlException.ErrorType.BAD_DATA, message);
    }
}
