package io.opsline.alerting.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.opsline.alerting.Severity;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.Environment;

/**
 * What an alert must be like for a rule to take it. Every condition is optional; an empty one
 * matches every alert. Conditions on the CI (class, environment, owner team, tags) never match an
 * alert without a CI. Sources and tags compare without regard to case; label values exactly.
 *
 * @param tags   at least one of these tags on the CI
 * @param labels every one of these labels with exactly this value
 */
public record RuleConditions(Set<Severity> severities, Set<String> sources, Set<CiClass> ciClasses,
        Set<Environment> environments, Set<UUID> ownerTeams, Set<String> tags, Map<String, String> labels,
        TimeWindow time) {

    public RuleConditions {
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        ciClasses = ciClasses == null ? Set.of() : Set.copyOf(ciClasses);
        environments = environments == null ? Set.of() : Set.copyOf(environments);
        ownerTeams = ownerTeams == null ? Set.of() : Set.copyOf(ownerTeams);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The conditions that are set, each a test of its own, in a fixed order. */
    List<Condition> conditions() {
        var conditions = new ArrayList<Condition>();
        if (!severities.isEmpty()) {
            conditions.add(new Condition.SeverityIn(severities));
        }
        if (!sources.isEmpty()) {
            conditions.add(new Condition.SourceIn(sources));
        }
        if (!ciClasses.isEmpty()) {
            conditions.add(new Condition.CiClassIn(ciClasses));
        }
        if (!environments.isEmpty()) {
            conditions.add(new Condition.EnvironmentIn(environments));
        }
        if (!ownerTeams.isEmpty()) {
            conditions.add(new Condition.OwnerTeamIn(ownerTeams));
        }
        if (!tags.isEmpty()) {
            conditions.add(new Condition.AnyTag(tags));
        }
        if (!labels.isEmpty()) {
            conditions.add(new Condition.LabelsEqual(labels));
        }
        if (time != null) {
            conditions.add(new Condition.During(time));
        }
        return List.copyOf(conditions);
    }
}
