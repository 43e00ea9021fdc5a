package io.opsline.alerting.internal.suppress;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.opsline.alerting.internal.Alert;

/**
 * The labels matchers see: the alert's own, and the pseudo-labels {@code source} (its source),
 * {@code severity} (in lower case: {@code critical}, {@code error}, {@code warning}, {@code info}) and
 * {@code ci} (its CI's id, empty when unmapped). A pseudo-label replaces an own label of the same name,
 * so that {@code severity=critical} means Opsline's severity whatever the sender called its own.
 */
final class AlertLabels {

    private AlertLabels() {
    }

    static Map<String, String> of(Alert alert) {
        var labels = new HashMap<>(alert.labels());
        labels.put("source", alert.source());
        labels.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
        labels.put("ci", alert.ciId() == null ? "" : alert.ciId().toString());
        return labels;
    }
}
