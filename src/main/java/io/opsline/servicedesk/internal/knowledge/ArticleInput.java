package io.opsline.servicedesk.internal.knowledge;

import java.util.List;

/**
 * An article as a writer sends it: {@code body} in Markdown, {@code kind} {@code article} (the
 * default) or {@code runbook}, what it applies to as CI class and check type keys and alert rules.
 * An edit carries the {@code version} it was made on and replaces every field.
 */
public record ArticleInput(Integer version, String title, String kind, String body, List<String> ciClasses,
        List<String> checkTypes, List<AlertRule> alertRules) {
}
