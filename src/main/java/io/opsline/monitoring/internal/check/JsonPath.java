package io.opsline.monitoring.internal.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The part of JSONPath a health check needs: one value reached by names and indexes,
 * {@code $.status}, {@code $.checks[0].state}, {@code $['odd key']}. Wildcards and filters are
 * refused rather than half-supported.
 */
final class JsonPath {

    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\[(\\d+)]|\\['([^']*)']");

    private final List<Object> steps;

    private JsonPath(List<Object> steps) {
        this.steps = steps;
    }

    static JsonPath parse(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with $");
        }
        var steps = new ArrayList<Object>();
        var m = STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("cannot read the JSON path from '" + path.substring(at) + "'");
            }
            steps.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? Integer.valueOf(m.group(2)) : m.group(3));
            at = m.end();
        }
        return new JsonPath(List.copyOf(steps));
    }

    /** The value at this path, or null when the document has none there. */
    JsonNode find(JsonNode document) {
        var node = document;
        for (var step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer index ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) step) : null);
        }
        return node;
    }
}
