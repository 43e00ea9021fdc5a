package io.opsline.metrics.internal.ingest;

/** The kind of a metric family as its {@code # TYPE} line names it, in either text format. */
public enum MetricType {
    COUNTER("counter", "_total", "_created"),
    GAUGE("gauge"),
    HISTOGRAM("histogram", "_bucket", "_count", "_sum", "_created"),
    GAUGE_HISTOGRAM("gaugehistogram", "_bucket", "_gcount", "_gsum"),
    SUMMARY("summary", "_count", "_sum", "_created"),
    INFO("info", "_info"),
    STATESET("stateset"),
    /** The Prometheus text format's name for a family without a type. */
    UNTYPED("untyped"),
    /** OpenMetrics' name for a family without a type. */
    UNKNOWN("unknown");

    private final String text;
    /** The endings of the sample names that belong to a family of this type, besides its own name. */
    private final byte[][] suffixes;

    MetricType(String text, String... suffixes) {
        this.text = text;
        this.suffixes = new byte[suffixes.length][];
        for (var i = 0; i < suffixes.length; i++) {
            this.suffixes[i] = suffixes[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    public String text() {
        return text;
    }

    byte[][] suffixes() {
        return suffixes;
    }

    /** The type a {@code # TYPE} line names, or null when the format does not know it. */
    static MetricType parse(String text, ExpositionFormat format) {
        for (var type : values()) {
            if (type.text.equals(text) && format.knows(type)) {
                return type;
            }
        }
        return null;
    }
}
