package io.opsline.servicedesk.internal.knowledge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;
import io.opsline.platform.Choice;

/**
 * An article or runbook at its current version, with what it applies to: CIs of some classes, checks
 * of some types, alerts matching some rules. {@code version} counts the saves, the first being 1.
 */
public record Article(UUID id, String title, ArticleKind kind, String body, int version, String createdBy,
        Instant createdAt, String updatedBy, Instant updatedAt, List<CiClass> ciClasses, List<CheckType> checkTypes,
        List<AlertRule> alertRules) {

    public Article {
        ciClasses = List.copyOf(ciClasses);
        checkTypes = List.copyOf(checkTypes);
        alertRules = List.copyOf(alertRules);
    }

    /** What it applies to as people read it: "CI classes: Server; alerts: monitoring check:*"; null for nothing. */
    public String appliesTo() {
        var parts = new ArrayList<String>();
        if (!ciClasses.isEmpty()) {
            parts.add("CI classes: " + String.join(", ", ciClasses.stream().map(Choice::label).toList()));
        }
        if (!checkTypes.isEmpty()) {
            parts.add("check types: " + String.join(", ", checkTypes.stream().map(Choice::label).toList()));
        }
        if (!alertRules.isEmpty()) {
            parts.add("alerts: " + String.join(", ", alertRules.stream().map(AlertRule::toString).toList()));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Whether it applies to any of the CI classes, the check type or the alert {@code where} names. */
    boolean appliesTo(Applicability where) {
        return (where.ciClasses().stream().anyMatch(ciClasses::contains))
                || (where.checkType() != null && checkTypes.contains(where.checkType()))
                || alertRules.stream().anyMatch(rule -> rule.matches(where.alertSource(), where.dedupKey()));
    }
}
