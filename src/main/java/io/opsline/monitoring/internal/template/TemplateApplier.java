package io.opsline.monitoring.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckDefinitionChanged;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckView;

/**
 * Makes the checks of templates what the templates say: for a whole template (after it changed,
 * and in every reconciliation round) or for one CI (after it was saved). Runs in the caller's
 * transaction, and audits every check it creates, changes or removes as done by whoever acts
 * (the user who changed the template or the CI, or the system in a reconciliation round).
 */
@Component
class TemplateApplier {

    private final TemplateRepository templates;
    private final CheckRepository checks;
    private final Inventory inventory;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    TemplateApplier(TemplateRepository templates, CheckRepository checks, Inventory inventory, AuditLog audit,
            ApplicationEventPublisher events) {
        this.events = events;
        this.templates = templates;
        this.checks = checks;
        this.inventory = inventory;
        this.audit = audit;
    }

    /** What applying the template to the CIs that match it now would change. */
    TemplatePlan plan(CheckTemplate template) {
        var matching = inventory.findMatching(template.ciClass(), Set.copyOf(template.tags()),
                Set.copyOf(template.statuses()));
        return TemplatePlan.of(template, matching, checks.findByTemplate(template.id()),
                checks.cisWithNameOutsideTemplate(template.check().name(), template.id()));
    }

    /** Applies a template whose row the caller holds locked (or has just written). */
    ApplyReport apply(CheckTemplate template) {
        var plan = plan(template);
        write(template, plan);
        return plan.report();
    }

    /** Removes every check of a template about to be deleted. */
    int removeAll(CheckTemplate template) {
        var plan = TemplatePlan.removing(checks.findByTemplate(template.id()),
                "its template %s was deleted".formatted(template.describe()));
        write(template, plan);
        return plan.removals.size();
    }

    /**
     * Gives a saved CI the checks of the templates it matches now and takes away those of the
     * templates it no longer matches. Most saves change nothing here, so the templates are
     * locked only when there is something to write, and then everything is read again.
     */
    void applyToCi(UUID ciId) {
        // An import announces every row; without templates that must cost one query, not five.
        if (!templates.any()) {
            return;
        }
        var ci = inventory.find(ciId).orElse(null);
        if (ci == null) {
            return;
        }
        var own = checks.findByCi(ciId);
        var templateIds = own.stream().map(CheckDefinition::templateId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        var relevant = templates.findByClassOrId(ci.ciClass(), templateIds);
        if (relevant.stream().allMatch(t -> planFor(t, ci, own).changesNothing())) {
            return;
        }
        var current = checks.findByCi(ciId);
        for (var template : templates.lockByClassOrId(ci.ciClass(), templateIds)) {
            var plan = planFor(template, ci, current);
            if (!plan.changesNothing()) {
                write(template, plan);
                current = checks.findByCi(ciId);
            }
        }
    }

    private static TemplatePlan planFor(CheckTemplate template, CiSummary ci, List<CheckDefinition> ciChecks) {
        var name = template.check().name().toLowerCase();
        var fromTemplate = ciChecks.stream().filter(c -> template.id().equals(c.templateId())).toList();
        var nameTaken = ciChecks.stream().anyMatch(c -> !template.id().equals(c.templateId())
                && c.name().toLowerCase().equals(name));
        return TemplatePlan.of(template, template.matches(ci) ? List.of(ci) : List.of(), fromTemplate,
                nameTaken ? Set.of(ci.id()) : Set.of());
    }

    private void write(CheckTemplate template, TemplatePlan plan) {
        if (plan.changesNothing()) {
            return;
        }
        var entries = new ArrayList<AuditEntry>();
        var from = " from template " + template.describe();
        // Removals first: they free names that updates and creations may take.
        var cis = plan.removals.isEmpty() ? Map.<UUID, CiSummary>of()
                : inventory.findAll(plan.removals.stream().map(r -> r.check().ciId()).distinct().toList());
        for (var removal : plan.removals) {
            var check = removal.check();
            var ci = cis.get(check.ciId());
            checks.delete(check.id());
            entries.add(new AuditEntry("check.delete", "check", check.id().toString(), "Removed %s check %s from %s: %s"
                    .formatted(check.type().key(), check.name(), ci == null ? check.ciId() : ci.name(), removal.why()),
                    CheckView.of(check, ci), null));
        }
        var created = plan.creates.stream().map(ci -> CheckDefinition.create(ci.id(), template.check(), template.id()))
                .toList();
        checks.insertAll(created);
        for (int i = 0; i < created.size(); i++) {
            var check = created.get(i);
            var ci = plan.creates.get(i);
            entries.add(new AuditEntry("check.create", "check", check.id().toString(), "Created %s check %s on %s%s"
                    .formatted(check.type().key(), check.name(), ci.name(), from), null, CheckView.of(check, ci)));
        }
        for (var update : plan.updates) {
            var before = update.check();
            var changed = before.with(before.ciId(), template.check());
            // Only this class writes a templated check, under the template's lock; a miss means the check
            // went with its CI meanwhile, and there is nothing left to bring in line.
            if (checks.update(changed)) {
                entries.add(new AuditEntry("check.update", "check", before.id().toString(), "Updated %s check %s on %s%s"
                        .formatted(changed.type().key(), changed.name(), update.ci().name(), from),
                        CheckView.of(before, update.ci()), CheckView.of(nextVersion(changed), update.ci())));
            }
        }
        audit.recordAll(entries);
        entries.forEach(e -> events.publishEvent(new CheckDefinitionChanged(UUID.fromString(e.entityId()))));
    }

    private static CheckDefinition nextVersion(CheckDefinition c) {
        return new CheckDefinition(c.id(), c.ciId(), c.name(), c.type(), c.params(), c.intervalSeconds(),
                c.retryIntervalSeconds(), c.maxAttempts(), c.timeoutMillis(), c.enabled(), c.createdAt(),
                c.updatedAt(), c.version() + 1, c.templateId());
    }
}
