package io.opsline.metrics.internal.promql;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.SeriesSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * Series kept in memory for tests, written in promtool's notation ({@code 'up{job="a"}'} with values
 * {@code '0+10x5 _x3 stale 7'}) so that the same text feeds Opsline and promtool.
 */
final class InMemorySeries implements SeriesSource {

    static final double STALE = Double.longBitsToDouble(0x7ff0000000000002L);

    private final TreeMap<Labels, SeriesData> series = new TreeMap<>();
    private final long intervalMs;
    int selects;

    InMemorySeries(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** Adds a series from promtool's {@code series} and {@code values} strings; samples start at time 0. */
    InMemorySeries add(String seriesText, String values) {
        var selector = (Expr.VectorSelector) PromqlParser.parse(seriesText);
        var labels = new HashMap<String, String>();
        selector.matchers().forEach(matcher -> labels.put(matcher.name(), matcher.value()));
        var timestamps = new ArrayList<Long>();
        var samples = new ArrayList<Double>();
        var index = 0L;
        for (var item : values.trim().split("\\s+")) {
            if (item.equals("_")) {
                index++;
            } else if (item.startsWith("_x")) {
                index += Long.parseLong(item.substring(2));
            } else if (item.equals("stale")) {
                timestamps.add(index++ * intervalMs);
                samples.add(STALE);
            } else if (item.contains("x")) {
                var times = Integer.parseInt(item.substring(item.indexOf('x') + 1));
                var expression = item.substring(0, item.indexOf('x'));
                var operator = Math.max(expression.lastIndexOf('+'), expression.lastIndexOf('-'));
                double start;
                double step;
                if (operator <= 0) {
                    start = Double.parseDouble(expression);
                    step = 0;
                } else {
                    start = Double.parseDouble(expression.substring(0, operator));
                    step = Double.parseDouble(expression.substring(operator + 1)) * (expression.charAt(operator) == '-' ? -1 : 1);
                }
                // Accumulated, not multiplied, as promtool expands it, so that both hold the same doubles.
                var value = start;
                for (var i = 0; i <= times; i++) {
                    timestamps.add(index++ * intervalMs);
                    samples.add(value);
                    value += step;
                }
            } else {
                timestamps.add(index++ * intervalMs);
                samples.add(number(item));
            }
        }
        return add(Labels.of(labels), timestamps.stream().mapToLong(Long::longValue).toArray(),
                samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double number(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    InMemorySeries add(Labels labels, long[] timestamps, double[] values) {
        series.put(labels, new SeriesData(labels, timestamps, values, timestamps.length));
        return this;
    }

    @Override
    public List<SeriesData> select(List<Matcher> matchers, long fromMs, long toMs) {
        selects++;
        var selected = new ArrayList<SeriesData>();
        for (var data : series.values()) {
            if (!matchers.stream().allMatch(matcher -> matcher.matches(data.labels()))) {
                continue;
            }
            var from = 0;
            while (from < data.count() && data.timestamps()[from] < fromMs) {
                from++;
            }
            var to = from;
            while (to < data.count() && data.timestamps()[to] <= toMs) {
                to++;
            }
            if (to > from) {
                selected.add(new SeriesData(data.labels(), Arrays.copyOfRange(data.timestamps(), from, to),
                        Arrays.copyOfRange(data.values(), from, to), to - from));
            }
        }
        return selected;
    }
}
