package io.opsline.metrics.internal.ingest;

import java.util.Locale;

/** The two text formats a scrape target may answer in, and how a scraper asks for them. */
public enum ExpositionFormat {
    /** Prometheus' text format 0.0.4: {@code text/plain; version=0.0.4}. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0 text: {@code application/openmetrics-text; version=1.0.0}. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    /**
     * The Accept header Prometheus 2.42 sends with a scrape: OpenMetrics preferred, the 0.0.4 text
     * format next, anything else last (some targets answer only to a broad Accept).
     */
    public static final String SCRAPE_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static final String OPENMETRICS_MEDIA_TYPE = "application/openmetrics-text";

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The Content-Type a target sends with a body in this format. */
    public String contentType() {
        return contentType;
    }

    /**
     * The format of a scrape answer by its Content-Type: OpenMetrics for
     * {@code application/openmetrics-text} (any version and parameters), the 0.0.4 text format for
     * everything else, a missing header included, as Prometheus 2.42 decides.
     */
    public static ExpositionFormat ofContentType(String contentType) {
        if (contentType == null) {
            return PROMETHEUS_TEXT;
        }
        var semicolon = contentType.indexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals(OPENMETRICS_MEDIA_TYPE) ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    boolean knows(MetricType type) {
        return switch (type) {
            case COUNTER, GAUGE, HISTOGRAM, SUMMARY -> true;
            case UNTYPED -> this == PROMETHEUS_TEXT;
            case GAUGE_HISTOGRAM, INFO, STATESET, UNKNOWN -> this == OPENMETRICS;
        };
    }

    MetricType withoutType() {
        return this == OPENMETRICS ? MetricType.UNKNOWN : MetricType.UNTYPED;
    }
}
