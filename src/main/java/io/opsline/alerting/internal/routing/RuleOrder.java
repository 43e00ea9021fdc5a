package io.opsline.alerting.internal.routing;

import java.util.List;

/** Every routing rule's id, in the order the rules are to be tried. */
public record RuleOrder(List<String> ids) {
}
