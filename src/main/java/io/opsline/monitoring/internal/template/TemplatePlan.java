package io.opsline.monitoring.internal.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.opsline.inventory.CiSummary;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckSettings;

/**
 * What applying a template to some CIs changes, worked out without writing anything, so that a
 * preview and the real thing cannot disagree. Every CI that matches gets exactly one check from
 * the template, with the template's settings, unless it already has a check of that name that
 * is not from the template (then it is skipped, and loses the template's check if it had one
 * under an older name); every check of the template on a CI that does not match goes.
 */
final class TemplatePlan {

    /** What happens to a CI that matches. */
    enum Outcome {
        CREATE, UPDATE, KEEP, SKIP
    }

    record Update(CheckDefinition check, CiSummary ci) {
    }

    record Removal(CheckDefinition check, String why) {
    }

    final List<CiSummary> matching;
    final List<CiSummary> creates = new ArrayList<>();
    final List<Update> updates = new ArrayList<>();
    final List<Removal> removals = new ArrayList<>();
    final List<ApplyReport.Skipped> skips = new ArrayList<>();
    /** Each matching CI's outcome, in the order the CIs were given. */
    final Map<UUID, Outcome> outcomes = new LinkedHashMap<>();

    private TemplatePlan(List<CiSummary> matching) {
        this.matching = List.copyOf(matching);
    }

    /**
     * @param matching the CIs the template matches now
     * @param existing the checks from this template on any CI
     * @param nameTakenOn the CIs that have a check of the template's name not from the template
     */
    static TemplatePlan of(CheckTemplate template, List<CiSummary> matching, List<CheckDefinition> existing,
            Set<UUID> nameTakenOn) {
        var plan = new TemplatePlan(matching);
        var byCi = new LinkedHashMap<UUID, CiSummary>();
        matching.forEach(ci -> byCi.put(ci.id(), ci));
        var kept = new HashMap<UUID, Outcome>();
        for (var check : existing) {
            var ci = byCi.get(check.ciId());
            if (ci == null) {
                plan.removals.add(new Removal(check, "its CI no longer matches template " + template.describe()));
            } else if (nameTakenOn.contains(ci.id())) {
                plan.removals.add(new Removal(check, "its CI has another check named '%s'"
                        .formatted(template.check().name())));
            } else if (kept.containsKey(ci.id())) {
                plan.removals.add(new Removal(check, "its CI has another check from template " + template.describe()));
            } else if (CheckSettings.of(check).equals(template.check())) {
                kept.put(ci.id(), Outcome.KEEP);
            } else {
                plan.updates.add(new Update(check, ci));
                kept.put(ci.id(), Outcome.UPDATE);
            }
        }
        for (var ci : matching) {
            var outcome = kept.get(ci.id());
            if (outcome == null && nameTakenOn.contains(ci.id())) {
                plan.skips.add(new ApplyReport.Skipped(ci.id(), ci.name(), ("already has a check named '%s' that is"
                        + " not from this template").formatted(template.check().name())));
                outcome = Outcome.SKIP;
            } else if (outcome == null) {
                plan.creates.add(ci);
                outcome = Outcome.CREATE;
            }
            plan.outcomes.put(ci.id(), outcome);
        }
        return plan;
    }

    /** Removes the checks, whatever they are, for the reason given. */
    static TemplatePlan removing(List<CheckDefinition> checks, String why) {
        var plan = new TemplatePlan(List.of());
        checks.forEach(check -> plan.removals.add(new Removal(check, why)));
        return plan;
    }

    boolean changesNothing() {
        return creates.isEmpty() && updates.isEmpty() && removals.isEmpty();
    }

    ApplyReport report() {
        return new ApplyReport(creates.size(), updates.size(), removals.size(), List.copyOf(skips));
    }
}
