package io.opsline.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The labels that identify a series, the metric name among them as {@value #NAME}, sorted by name
 * so that equal sets are equal objects and print the same. Immutable.
 */
public final class Labels implements Comparable<Labels> {

    /** The label that holds the metric name, as in Prometheus. */
    public static final String NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    /** Names and values alternating, sorted by name, no name twice, no empty value. */
    private final String[] pairs;

    private Labels(String[] pairs) {
        this.pairs = pairs;
    }

    /** The labels of a map; labels with an empty value are left out, as Prometheus treats them as absent. */
    public static Labels of(Map<String, String> labels) {
        var sorted = new TreeMap<String, String>();
        labels.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                sorted.put(Objects.requireNonNull(name), value);
            }
        });
        var pairs = new String[sorted.size() * 2];
        var i = 0;
        for (var entry : sorted.entrySet()) {
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return new Labels(pairs);
    }

    /** Labels from names and values alternating, in any order. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        var map = new TreeMap<String, String>();
        for (var i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(map);
    }

    public int size() {
        return pairs.length / 2;
    }

    public String name(int index) {
        return pairs[index * 2];
    }

    public String value(int index) {
        return pairs[index * 2 + 1];
    }

    /** The value of a label, or null when the series does not have it. */
    public String get(String name) {
        var index = indexOf(name);
        return index < 0 ? null : pairs[index * 2 + 1];
    }

    /** The metric name, or null when there is none (as after an aggregation). */
    public String metricName() {
        return get(NAME);
    }

    /** These labels with one set to a value, or removed when the value is null or empty. */
    public Labels with(String name, String value) {
        var map = toMap();
        if (value == null || value.isEmpty()) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
        return of(map);
    }

    /** Only the labels named. */
    public Labels keep(Collection<String> names) {
        var map = toMap();
        map.keySet().retainAll(names);
        return of(map);
    }

    /** All labels but those named. */
    public Labels drop(Collection<String> names) {
        var map = toMap();
        map.keySet().removeAll(names);
        return of(map);
    }

    public TreeMap<String, String> toMap() {
        var map = new TreeMap<String, String>();
        for (var i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public List<String> names() {
        var names = new ArrayList<String>(size());
        for (var i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return names;
    }

    private int indexOf(String name) {
        var low = 0;
        var high = size() - 1;
        while (low <= high) {
            var mid = (low + high) >>> 1;
            var order = pairs[mid * 2].compareTo(name);
            if (order == 0) {
                return mid;
            } else if (order < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    @Override
    public int compareTo(Labels other) {
        var common = Math.min(pairs.length, other.pairs.length);
        for (var i = 0; i < common; i++) {
            var order = pairs[i].compareTo(other.pairs[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(pairs.length, other.pairs.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels labels && Arrays.equals(pairs, labels.pairs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs);
    }

    /** The Prometheus form, {@code {__name__="up",job="node"}}, values escaped as in the exposition format. */
    @Override
    public String toString() {
        var text = new StringBuilder("{");
        for (var i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                text.append(',');
            }
            text.append(pairs[i]).append("=\"");
            escape(pairs[i + 1], text);
            text.append('"');
        }
        return text.append('}').toString();
    }

    private static void escape(String value, StringBuilder out) {
        for (var i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
