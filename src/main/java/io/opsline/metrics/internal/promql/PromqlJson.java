package io.opsline.metrics.internal.promql;

import io.opsline.metrics.internal.MetricMetadata;
import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.BiConsumer;

/**
 * Writes query results and errors in the Prometheus HTTP API's JSON shape, by hand: a matrix of
 * thousands of series by hundreds of points is written without an object per point.
 */
public final class PromqlJson {

    private PromqlJson() {
    }

    /** {@code {"status":"success","data":{"resultType":...,"result":...}}}. */
    public static String success(QueryResult result) {
        var out = new StringBuilder(256);
        out.append("{\"status\":\"success\",\"data\":{\"resultType\":\"");
        switch (result) {
            case QueryResult.Matrix matrix -> {
                out.append("matrix\",\"result\":");
                appendArray(matrix.series(), PromqlJson::appendSeries, out);
            }
            case QueryResult.Vector vector -> {
                out.append("vector\",\"result\":");
                appendArray(vector.samples(), (sample, text) -> {
                    text.append("{\"metric\":");
                    appendLabels(sample.labels(), text);
                    text.append(",\"value\":");
                    appendPoint(vector.timeMs(), sample.value(), text);
                    text.append('}');
                }, out);
            }
            case QueryResult.Scalar scalar -> {
                out.append("scalar\",\"result\":");
                appendPoint(scalar.timeMs(), scalar.value(), out);
            }
            case QueryResult.Text text -> {
                out.append("string\",\"result\":[");
                Formats.appendTime(text.timeMs(), out);
                out.append(',');
                appendString(text.value(), out);
                out.append(']');
            }
        }
        return out.append("}}").toString();
    }

    /** {@code {"status":"success","data":[{"__name__":"up",...},...]}}: the answer of the series endpoint. */
    public static String success(Collection<Labels> labelSets) {
        var out = new StringBuilder(64 + labelSets.size() * 64);
        out.append("{\"status\":\"success\",\"data\":");
        appendArray(List.copyOf(labelSets), PromqlJson::appendLabels, out);
        return out.append('}').toString();
    }

    /** {@code {"status":"success","data":["a","b"]}}: the answer of the label endpoints. */
    public static String successStrings(List<String> values) {
        var out = new StringBuilder(64 + values.size() * 16);
        out.append("{\"status\":\"success\",\"data\":");
        appendArray(values, PromqlJson::appendString, out);
        return out.append('}').toString();
    }

    /** {@code {"status":"success","data":{...}}} with the fields given as strings, in order. */
    public static String successFields(SequencedMap<String, String> fields) {
        var out = new StringBuilder("{\"status\":\"success\",\"data\":");
        appendObject(fields, PromqlJson::appendString, out);
        return out.append('}').toString();
    }

    /** {@code {"status":"success","data":{"up":[{"type":"gauge","help":"...","unit":""}]}}}: the metadata endpoint's answer. */
    public static String successMetadata(SequencedMap<String, MetricMetadata.Description> described) {
        var out = new StringBuilder(64 + described.size() * 96).append("{\"status\":\"success\",\"data\":");
        appendObject(described, (description, to) -> {
            var fields = new LinkedHashMap<String, String>();
            fields.put("type", description.type());
            fields.put("help", description.help());
            fields.put("unit", description.unit());
            to.append('[');
            appendObject(fields, PromqlJson::appendString, to);
            to.append(']');
        }, out);
        return out.append('}').toString();
    }

    /** {@code {"status":"error","errorType":"bad_data","error":"..."}}. */
    public static String error(PromqlException exception) {
        return error(exception.errorType().text(), exception.getMessage());
    }

    public static String error(String errorType, String message) {
        var out = new StringBuilder(64 + message.length());
        out.append("{\"status\":\"error\",\"errorType\":");
        appendString(errorType, out);
        out.append(",\"error\":");
        appendString(message, out);
        return out.append('}').toString();
    }

    /** {@code {"key":value,...}} in the map's order, each value written by {@code writer}. */
    private static <T> void appendObject(SequencedMap<String, T> fields, BiConsumer<T, StringBuilder> writer,
            StringBuilder out) {
        out.append('{');
        var first = true;
        for (var field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(field.getKey(), out);
            out.append(':');
            writer.accept(field.getValue(), out);
        }
        out.append('}');
    }

    private static <T> void appendArray(List<T> items, BiConsumer<T, StringBuilder> writer, StringBuilder out) {
        out.append('[');
        for (var i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writer.accept(items.get(i), out);
        }
        out.append(']');
    }

    private static void appendSeries(SeriesData series, StringBuilder out) {
        out.append("{\"metric\":");
        appendLabels(series.labels(), out);
        out.append(",\"values\":[");
        for (var i = 0; i < series.count(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendPoint(series.timestamps()[i], series.values()[i], out);
        }
        out.append("]}");
    }

    private static void appendLabels(Labels labels, StringBuilder out) {
        out.append('{');
        for (var i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(labels.name(i), out);
            out.append(':');
            appendString(labels.value(i), out);
        }
        out.append('}');
    }

    private static void appendPoint(long timeMs, double value, StringBuilder out) {
        out.append('[');
        Formats.appendTime(timeMs, out);
        out.append(",\"").append(Formats.number(value)).append("\"]");
    }

    private static void appendString(String value, StringBuilder out) {
        out.append('"');
        for (var i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
