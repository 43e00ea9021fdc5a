package io.opsline.alerting.internal.routing;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.opsline.alerting.Severity;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.Environment;

/**
 * One condition of a routing rule: a test, and words for what it wants and what an alert has,
 * so that the routing test can say why a rule matched or did not.
 */
sealed interface Condition {

    String NO_CI = "no CI";

    /** The condition's name, as in a rule's conditions. */
    String name();

    boolean test(RoutableAlert alert, Instant at);

    String wants();

    String has(RoutableAlert alert, Instant at);

    record SeverityIn(Set<Severity> severities) implements Condition {
        public String name() {
            return "severities";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            return severities.contains(alert.severity());
        }

        public String wants() {
            return "one of " + sorted(severities);
        }

        public String has(RoutableAlert alert, Instant at) {
            return String.valueOf(alert.severity());
        }
    }

    /** Sources in lower case. */
    record SourceIn(Set<String> sources) implements Condition {
        public SourceIn {
            sources = sources.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        public String name() {
            return "sources";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            return alert.source() != null && sources.contains(alert.source().toLowerCase(Locale.ROOT));
        }

        public String wants() {
            return "one of " + sorted(sources);
        }

        public String has(RoutableAlert alert, Instant at) {
            return String.valueOf(alert.source());
        }
    }

    record CiClassIn(Set<CiClass> ciClasses) implements Condition {
        public String name() {
            return "ciClasses";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            return alert.ci() != null && ciClasses.contains(alert.ci().ciClass());
        }

        public String wants() {
            return "a CI of class " + sorted(ciClasses.stream().map(CiClass::key).toList());
        }

        public String has(RoutableAlert alert, Instant at) {
            return alert.ci() == null ? NO_CI : alert.ci().ciClass().key();
        }
    }

    record EnvironmentIn(Set<Environment> environments) implements Condition {
        public String name() {
            return "environments";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            return alert.ci() != null && environments.contains(alert.ci().environment());
        }

        public String wants() {
            return "a CI in " + sorted(environments.stream().map(Environment::key).toList());
        }

        public String has(RoutableAlert alert, Instant at) {
            if (alert.ci() == null) {
                return NO_CI;
            }
            return alert.ci().environment() == null ? "no environment" : alert.ci().environment().key();
        }
    }

    record OwnerTeamIn(Set<UUID> teams) implements Condition {
        public String name() {
            return "ownerTeams";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            return alert.ci() != null && alert.ci().ownerTeamId() != null && teams.contains(alert.ci().ownerTeamId());
        }

        public String wants() {
            return "a CI owned by one of teams " + sorted(teams);
        }

        public String has(RoutableAlert alert, Instant at) {
            if (alert.ci() == null) {
                return NO_CI;
            }
            return alert.ci().ownerTeamId() == null ? "no owner team" : "team " + alert.ci().ownerTeamId();
        }
    }

    /** Tags in lower case. */
    record AnyTag(Set<String> tags) implements Condition {
        public AnyTag {
            tags = tags.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        public String name() {
            return "tags";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            return alert.ci() != null && alert.ci().tags() != null
                    && alert.ci().tags().stream().anyMatch(t -> tags.contains(t.toLowerCase(Locale.ROOT)));
        }

        public String wants() {
            return "a CI tagged with any of " + sorted(tags);
        }

        public String has(RoutableAlert alert, Instant at) {
            return alert.ci() == null ? NO_CI : "tags " + sorted(alert.ci().tags() == null ? Set.of() : alert.ci().tags());
        }
    }

    record LabelsEqual(Map<String, String> labels) implements Condition {
        public String name() {
            return "labels";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            for (var label : labels.entrySet()) {
                if (!label.getValue().equals(alert.labels().get(label.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        public String wants() {
            return "labels " + new TreeMap<>(labels);
        }

        public String has(RoutableAlert alert, Instant at) {
            var relevant = new TreeMap<String, String>();
            labels.keySet().forEach(k -> relevant.put(k, alert.labels().get(k)));
            return "labels " + relevant;
        }
    }

    record During(TimeWindow window) implements Condition {
        public String name() {
            return "time";
        }

        public boolean test(RoutableAlert alert, Instant at) {
            return window.contains(at);
        }

        public String wants() {
            return "a time in " + window;
        }

        public String has(RoutableAlert alert, Instant at) {
            var local = at.atZone(java.time.ZoneId.of(window.timeZone()));
            return "%s %s".formatted(local.getDayOfWeek(), local.toLocalTime());
        }
    }

    private static String sorted(java.util.Collection<?> values) {
        return new TreeSet<>(values.stream().map(String::valueOf).toList()).toString();
    }
}
