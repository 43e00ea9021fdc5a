package io.opsline.alerting.internal.routing;

import java.util.Map;

/** A sample alert to route: where it comes from, how bad, its labels, its CI (an id) and when (now if empty). */
public record RoutingTestInput(String source, String severity, Map<String, String> labels, String ciId, String at) {
}
