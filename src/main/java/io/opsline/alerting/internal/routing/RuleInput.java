package io.opsline.alerting.internal.routing;

import java.util.List;
import java.util.Map;

/**
 * A routing rule as a client sends it; {@code version} is required on update. Values are text so
 * that every mistake comes back naming its field.
 */
public record RuleInput(String name, Boolean enabled, ConditionsInput conditions, String policyId, Long version) {

    /**
     * @param severities   critical, error, warning, info
     * @param ciClasses    server, virtual_machine, ...
     * @param environments production, staging, test, development
     * @param ownerTeams   team ids or names
     */
    public record ConditionsInput(List<String> severities, List<String> sources, List<String> ciClasses,
            List<String> environments, List<String> ownerTeams, List<String> tags, Map<String, String> labels,
            TimeInput time) {
    }

    /** Days (MONDAY…; none for every day), local times HH:mm (none for the whole day) and an IANA zone. */
    public record TimeInput(List<String> days, String from, String to, String timeZone) {
    }
}
