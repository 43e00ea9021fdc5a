package io.opsline.alerting.internal.suppress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * Inhibition rules, kept by admins and audited. A change takes effect on open alerts at once; other
 * nodes pick it up within {@code opsline.alerting.suppression-refresh}.
 */
@Service
public class InhibitionRules {

    private static final int MAX_NAME = 100;
    private static final int MAX_LABEL = 200;

    private final InhibitionRuleRepository rules;
    private final SuppressionReconciler reconciler;
    private final AuditLog audit;

    InhibitionRules(InhibitionRuleRepository rules, SuppressionReconciler reconciler, AuditLog audit) {
        this.rules = rules;
        this.reconciler = reconciler;
        this.audit = audit;
    }

    public List<InhibitionRule> list() {
        return rules.findAll();
    }

    public InhibitionRule get(UUID id) {
        return rules.find(id).orElseThrow(() -> new NotFoundException("Inhibition rule", id));
    }

    @Transactional
    public InhibitionRule create(InhibitionRuleInput input, String actor) {
        var rule = validate(Ids.newId(), input, actor, Jdbc.now(), 0);
        rules.insert(rule);
        audit.record(new AuditEntry("inhibition-rule.create", "inhibition-rule", rule.id().toString(),
                "Created inhibition rule " + rule.name(), null, rule));
        reconciler.rulesChanged();
        return rule;
    }

    /** @throws ConflictException when it changed since {@code version} */
    @Transactional
    public InhibitionRule update(UUID id, InhibitionRuleInput input) {
        var before = get(id);
        var after = validate(id, input, before.createdBy(), before.createdAt(),
                input.version() == null ? 0 : input.version() + 1);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version the change is based on");
        }
        if (input.version() != before.version() || !rules.update(after)) {
            throw new ConflictException("Inhibition rule " + id + " was changed meanwhile; reload it and try again");
        }
        audit.record(new AuditEntry("inhibition-rule.update", "inhibition-rule", id.toString(),
                "Changed inhibition rule " + after.name(), before, after));
        reconciler.rulesChanged();
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        var before = get(id);
        rules.delete(id);
        audit.record(new AuditEntry("inhibition-rule.delete", "inhibition-rule", id.toString(),
                "Deleted inhibition rule " + before.name(), before, null));
        reconciler.rulesChanged();
    }

    private static InhibitionRule validate(UUID id, InhibitionRuleInput input, String createdBy,
            Instant createdAt, int version) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), MAX_NAME);
        var sources = Matcher.validate("sourceMatchers", input.sourceMatchers(), violations);
        var targets = Matcher.validate("targetMatchers", input.targetMatchers(), violations);
        var equal = new ArrayList<String>();
        var given = input.equal() == null ? List.<String>of() : input.equal();
        if (given.size() > Matcher.MAX_MATCHERS) {
            violations.add("equal", "may name at most %d labels".formatted(Matcher.MAX_MATCHERS));
        } else {
            for (var label : given) {
                if (label == null || label.isBlank() || label.length() > MAX_LABEL || label.contains(",")) {
                    violations.add("equal", "label names must have 1 to %d characters and no comma"
                            .formatted(MAX_LABEL));
                    break;
                }
                equal.add(label.strip());
            }
        }
        violations.throwIfAny("Invalid inhibition rule");
        return new InhibitionRule(id, name, sources, targets, List.copyOf(equal), createdBy, createdAt, version);
    }
}
