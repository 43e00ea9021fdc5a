package io.opsline.alerting.internal.routing;

import java.util.Map;

import io.opsline.alerting.Severity;
import io.opsline.inventory.CiSummary;

/**
 * What routing looks at in an alert.
 *
 * @param ci the alert's configuration item, or null when no CI is known
 */
public record RoutableAlert(String source, Severity severity, Map<String, String> labels, CiSummary ci) {

    public RoutableAlert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
