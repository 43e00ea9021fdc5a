package io.opsline.metrics.internal.promql;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import java.util.List;

/** What a query answers, in the four shapes of the Prometheus API's {@code resultType}. */
public sealed interface QueryResult {

    /** Series with their points at each step (range queries) or raw samples (an instant range selector), sorted by labels. */
    record Matrix(List<SeriesData> series) implements QueryResult {
    }

    /** One value per series at the evaluation time, sorted by labels. */
    record Vector(long timeMs, List<Sample> samples) implements QueryResult {
    }

    record Scalar(long timeMs, double value) implements QueryResult {
    }

    record Text(long timeMs, String value) implements QueryResult {
    }

    record Sample(Labels labels, double value) {
    }
}
