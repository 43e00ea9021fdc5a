package io.opsline.metrics.internal.promql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;

import io.opsline.metrics.Labels;
import io.opsline.metrics.internal.promql.Expr.Aggregation;
import io.opsline.metrics.internal.promql.Expr.Aggregator;
import io.opsline.metrics.internal.promql.Value.Series;
import io.opsline.metrics.internal.promql.Value.Vectors;

/**
 * {@code sum}, {@code avg}, {@code min}, {@code max}, {@code count}, {@code topk} and {@code bottomk}
 * {@code by} or {@code without} labels, over the series of one evaluation's steps.
 */
final class Aggregations {

    private final int steps;
    private final Deadline deadline;

    Aggregations(int steps, Deadline deadline) {
        this.steps = steps;
        this.deadline = deadline;
    }

    /**
     * @param input the argument's series
     * @param parameters topk's and bottomk's k at every step; null for the others
     */
    Vectors apply(Aggregation aggregation, List<Series> input, double[] parameters) {
        var groupIndex = new LinkedHashMap<Labels, Integer>();
        var groupOf = new int[input.size()];
        var dropped = new HashSet<>(aggregation.grouping());
        dropped.add(Labels.NAME);
        for (var s = 0; s < input.size(); s++) {
            var labels = input.get(s).labels();
            var groupLabels = aggregation.without() ? labels.drop(dropped) : labels.keep(aggregation.grouping());
            groupOf[s] = groupIndex.computeIfAbsent(groupLabels, key -> groupIndex.size());
        }
        if (aggregation.aggregator() == Aggregator.TOPK || aggregation.aggregator() == Aggregator.BOTTOMK) {
            return selectTop(aggregation.aggregator() == Aggregator.TOPK, input, groupOf, groupIndex.size(), parameters);
        }
        var groups = groupIndex.size();
        var accumulated = new double[groups * steps];
        var counts = new int[groups * steps];
        var aggregator = aggregation.aggregator();
        for (var s = 0; s < input.size(); s++) {
            deadline.check();
            var series = input.get(s);
            var base = groupOf[s] * steps;
            for (var i = 0; i < steps; i++) {
                if (!series.present()[i]) {
                    continue;
                }
                var value = series.values()[i];
                var slot = base + i;
                var count = ++counts[slot];
                if (count == 1) {
                    accumulated[slot] = value;
                    continue;
                }
                var current = accumulated[slot];
                accumulated[slot] = switch (aggregator) {
                    case SUM -> current + value;
                    case MIN -> current > value || Double.isNaN(current) ? value : current;
                    case MAX -> current < value || Double.isNaN(current) ? value : current;
                    case AVG -> RangeFunctions.nextMean(current, value, count);
                    default -> current;
                };
            }
        }
        var out = new ArrayList<Series>(groups);
        for (var group : groupIndex.entrySet()) {
            var base = group.getValue() * steps;
            var values = new double[steps];
            var present = new boolean[steps];
            for (var i = 0; i < steps; i++) {
                present[i] = counts[base + i] > 0;
                values[i] = aggregator == Aggregator.COUNT ? counts[base + i] : accumulated[base + i];
            }
            out.add(new Series(group.getKey(), values, present));
        }
        return new Vectors(out);
    }

    /** topk and bottomk: the k highest (lowest) series of each group at each step, NaN ranked last, labels kept. */
    private Vectors selectTop(boolean top, List<Series> input, int[] groupOf, int groups, double[] parameters) {
        var present = new boolean[input.size()][steps];
        var members = new ArrayList<List<Integer>>();
        for (var g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (var s = 0; s < input.size(); s++) {
            members.get(groupOf[s]).add(s);
        }
        var candidates = new ArrayList<Integer>();
        for (var i = 0; i < steps; i++) {
            var k = parameters[i];
            if (Double.isNaN(k) || Math.abs(k) >= 0x1p63) {
                throw PromqlException.execution("Scalar value " + Formats.number(k) + " overflows int64");
            }
            if (k < 1) {
                continue;
            }
            var step = i;
            Comparator<Integer> order = (a, b) -> {
                var va = input.get(a).values()[step];
                var vb = input.get(b).values()[step];
                if (Double.isNaN(va) || Double.isNaN(vb)) {
                    return Boolean.compare(Double.isNaN(va), Double.isNaN(vb));
                }
                return top ? Double.compare(vb, va) : Double.compare(va, vb);
            };
            for (var group : members) {
                candidates.clear();
                for (var s : group) {
                    if (input.get(s).present()[i]) {
                        candidates.add(s);
                    }
                }
                candidates.sort(order);
                for (var c = 0; c < Math.min((long) k, candidates.size()); c++) {
                    present[candidates.get(c)][i] = true;
                }
            }
        }
        var out = new ArrayList<Series>(input.size());
        for (var s = 0; s < input.size(); s++) {
            out.add(new Series(input.get(s).labels(), input.get(s).values(), present[s]));
        }
        return new Vectors(out);
    }
}
