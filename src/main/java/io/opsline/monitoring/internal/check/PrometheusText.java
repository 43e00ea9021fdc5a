package io.opsline.monitoring.internal.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), as node_exporter and most
 * exporters serve it: comments and blank lines skipped, label values unescaped, NaN and ±Inf
 * values, optional timestamps. A line that cannot be read is reported and skipped.
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    record Sample(String name, Map<String, String> labels, double value) {

        boolean matches(String metric, Map<String, String> wanted) {
            return name.equals(metric) && wanted.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }

        @Override
        public String toString() {
            if (labels.isEmpty()) {
                return name;
            }
            var text = new StringBuilder(name).append('{');
            labels.forEach((k, v) -> text.append(k).append("=\"").append(v).append("\","));
            text.setLength(text.length() - 1);
            return text.append('}').toString();
        }
    }

    record Parsed(List<Sample> samples, List<String> problems) {
    }

    private PrometheusText() {
    }

    static Parsed parse(String text) {
        var samples = new ArrayList<Sample>();
        var problems = new ArrayList<String>();
        int lineNumber = 0;
        for (var line : text.lines().toList()) {
            lineNumber++;
            var trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(trimmed));
            } catch (IllegalArgumentException e) {
                if (problems.size() < 10) {
                    problems.add("line %d: %s".formatted(lineNumber, e.getMessage()));
                }
            }
        }
        return new Parsed(samples, problems);
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        var name = line.substring(0, i);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name");
        }
        var labels = new LinkedHashMap<String, String>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        var rest = line.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest[0].isEmpty() || rest.length > 2) {
            throw new IllegalArgumentException("expected a value (and at most a timestamp) after " + name);
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value(rest[0]));
    }

    /** Reads {@code name="value",...}} from {@code i}; answers the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("a label needs name=\"value\"");
            }
            var labelName = line.substring(i, eq).strip();
            if (!LABEL_NAME.matcher(labelName).matches()) {
                throw new IllegalArgumentException("'" + labelName + "' is not a label name");
            }
            var value = new StringBuilder();
            i = eq + 2;
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException("the value of label " + labelName + " is not closed");
                }
                char c = line.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i < line.length()) {
                    char escaped = line.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(labelName, value.toString());
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a sample value");
                }
            }
        };
    }
}
