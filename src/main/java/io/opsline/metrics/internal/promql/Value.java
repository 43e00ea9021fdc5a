package io.opsline.metrics.internal.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import io.opsline.metrics.Labels;

/**
 * What an expression gives at every step of one evaluation: a scalar, an instant vector's series
 * or a string. Operators work on whole series of step values, so that labels are computed once
 * per series and not once per step.
 */
sealed interface Value {

    /** A scalar at every step. */
    record Scalars(double[] values) implements Value {
    }

    record Vectors(List<Series> series) implements Value {

        /**
         * The series with equal labels joined into one; Prometheus refuses a vector with two series of
         * the same labels at one time, as after {@code rate({__name__=~"a|b"}[5m])} drops the names.
         */
        static Vectors merged(List<Series> series) {
            var byLabels = new LinkedHashMap<Labels, Series>(series.size() * 2);
            var duplicates = false;
            for (var one : series) {
                duplicates |= byLabels.putIfAbsent(one.labels(), one) != null;
            }
            if (!duplicates) {
                return new Vectors(series);
            }
            byLabels.clear();
            for (var one : series) {
                var existing = byLabels.get(one.labels());
                if (existing == null) {
                    byLabels.put(one.labels(), new Series(one.labels(), one.values().clone(), one.present().clone()));
                    continue;
                }
                for (var i = 0; i < one.present().length; i++) {
                    if (one.present()[i]) {
                        if (existing.present()[i]) {
                            throw PromqlException.execution("vector cannot contain metrics with the same labelset");
                        }
                        existing.present()[i] = true;
                        existing.values()[i] = one.values()[i];
                    }
                }
            }
            return new Vectors(new ArrayList<>(byLabels.values()));
        }
    }

    record Text(String value) implements Value {
    }

    /** One series of an instant vector at every step: a value where {@code present}. */
    record Series(Labels labels, double[] values, boolean[] present) {
    }

    /** The labels without the metric name, as most operators and functions give them. */
    static Labels dropName(Labels labels) {
        return labels.get(Labels.NAME) == null ? labels : labels.drop(Set.of(Labels.NAME));
    }
}
