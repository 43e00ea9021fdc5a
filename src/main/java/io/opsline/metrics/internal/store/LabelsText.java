package io.opsline.metrics.internal.store;

import java.util.TreeMap;

import io.opsline.metrics.Labels;

/** Reads back the text {@link Labels#toString()} writes, as the series table keeps it. */
final class LabelsText {

    private LabelsText() {
    }

    /** The labels of a text such as {@code {__name__="up",job="node"}}; an IllegalArgumentException says where it is wrong. */
    static Labels parse(String text) {
        var labels = new TreeMap<String, String>();
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            throw new IllegalArgumentException("labels text must be enclosed in braces: " + text);
        }
        var i = 1;
        var end = text.length() - 1;
        var value = new StringBuilder();
        while (i < end) {
            var equals = text.indexOf('=', i);
            if (equals < 0 || equals + 1 >= end || text.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("expected name=\"value\" at position " + i + " of " + text);
            }
            var name = text.substring(i, equals);
            value.setLength(0);
            i = equals + 2;
            while (true) {
                if (i >= end) {
                    throw new IllegalArgumentException("unterminated value of " + name + " in " + text);
                }
                var c = text.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    var escaped = text.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            if (i < end) {
                if (text.charAt(i) != ',') {
                    throw new IllegalArgumentException("expected a comma at position " + i + " of " + text);
                }
                i++;
            }
        }
        return Labels.of(labels);
    }
}
