package io.opsline.monitoring.internal;

import java.util.ArrayList;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiDeleted;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;

/**
 * Creating, changing and removing checks, each change validated and audited.
 *
 * <p>A check created from a check template belongs to that template: it is changed and removed
 * only through it (or by its CI ceasing to match it), so this service refuses to change or delete
 * one with a conflict that says which template to edit. Letting an edit detach the check instead
 * would make a template's checks drift apart silently, which is what templates exist to prevent.
 */
@Service
public class CheckDefinitions {

    /** The state filter's word for checks that have not run yet. */
    public static final String PENDING = "pending";

    private final CheckRepository checks;
    private final Inventory inventory;
    private final CheckSettingsValidator validator;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    CheckDefinitions(CheckRepository checks, Inventory inventory, CheckSettingsValidator validator, AuditLog audit,
            ApplicationEventPublisher events) {
        this.events = events;
        this.checks = checks;
        this.inventory = inventory;
        this.validator = validator;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Page<CheckView> search(String ci, String type, PageRequest page) {
        return search(ci, type, null, page);
    }

    /**
     * Lists checks, optionally of one CI, of one type, or standing in one state.
     *
     * @param state a service state (ok, warning, unknown, critical), or pending for checks that
     *        have not run yet; blank for any
     */
    @Transactional(readOnly = true)
    public Page<CheckView> search(String ci, String type, String state, PageRequest page) {
        var v = new Violations();
        var ciId = v.optionalId("ci", ci, "must be a CI id");
        var checkType = v.optionalChoice("type", type, CheckType.class);
        String shownState = null;
        if (state != null && !state.isBlank()) {
            shownState = PENDING.equalsIgnoreCase(state.strip()) ? "PENDING"
                    : Choice.parse(ServiceState.class, state).map(Enum::name).orElse(null);
            if (shownState == null) {
                v.add("state", "unknown value '%s': use one of %s, %s".formatted(state, Choice.keys(ServiceState.class),
                        PENDING));
            }
        }
        v.throwIfAny("Invalid filter");
        var found = checks.search(ciId, checkType, shownState, page);
        var cis = inventory.findAll(found.items().stream().map(CheckDefinition::ciId).distinct().toList());
        return found.map(c -> CheckView.of(c, cis.get(c.ciId())));
    }

    @Transactional(readOnly = true)
    public CheckView get(UUID id) {
        var check = find(id);
        return CheckView.of(check, inventory.find(check.ciId()).orElse(null));
    }

    /** Whether the CI has a check of this name (names are unique per CI, whatever their case). */
    @Transactional(readOnly = true)
    public boolean hasCheckNamed(UUID ciId, String name) {
        return checks.nameTaken(ciId, name, null);
    }

    @Transactional
    public CheckView create(CheckInput input) {
        var valid = validate(input, null);
        var check = CheckDefinition.create(valid.ci().id(), valid.settings(), null);
        if (checks.nameTaken(check.ciId(), check.name(), null)) {
            throw duplicate(check.name(), valid.ci());
        }
        checks.insert(check);
        var created = CheckView.of(check, valid.ci());
        audit.record(new AuditEntry("check.create", "check", check.id().toString(),
                "Created %s check %s on %s".formatted(check.type().key(), check.name(), valid.ci().name()), null,
                created));
        events.publishEvent(new CheckDefinitionChanged(check.id()));
        return created;
    }

    @Transactional
    public CheckView update(UUID id, CheckInput input) {
        var existing = find(id);
        refuseTemplated(existing, "changed");
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: send the version you last read");
        }
        var valid = validate(input, existing);
        if (input.version() != existing.version()) {
            throw stale(existing, input.version());
        }
        if (checks.nameTaken(valid.ci().id(), valid.settings().name(), id)) {
            throw duplicate(valid.settings().name(), valid.ci());
        }
        var before = CheckView.of(existing, inventory.find(existing.ciId()).orElse(null));
        var changed = existing.with(valid.ci().id(), valid.settings());
        if (!checks.update(changed)) {
            throw stale(find(id), input.version());
        }
        var after = CheckView.of(find(id), valid.ci());
        audit.record(new AuditEntry("check.update", "check", id.toString(),
                "Updated %s check %s on %s".formatted(changed.type().key(), changed.name(), valid.ci().name()), before,
                after));
        events.publishEvent(new CheckDefinitionChanged(id));
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        var existing = find(id);
        refuseTemplated(existing, "deleted");
        var ci = inventory.find(existing.ciId()).orElse(null);
        var before = CheckView.of(existing, ci);
        checks.delete(id);
        audit.record(new AuditEntry("check.delete", "check", id.toString(),
                "Deleted %s check %s".formatted(existing.type().key(), existing.name()), before, null));
        events.publishEvent(new CheckDefinitionChanged(id));
    }

    /** A deleted CI takes its checks with it, in the same transaction. */
    @EventListener
    void on(CiDeleted event) {
        var entries = new ArrayList<AuditEntry>();
        for (var check : checks.findByCi(event.ciId())) {
            checks.delete(check.id());
            entries.add(new AuditEntry("check.delete", "check", check.id().toString(),
                    "Deleted %s check %s with its CI %s".formatted(check.type().key(), check.name(), event.name()),
                    CheckView.of(check, null), null));
            events.publishEvent(new CheckDefinitionChanged(check.id()));
        }
        audit.recordAll(entries);
    }

    /** What a stored check looks at, its secrets opened, for running it. */
    public CheckSpec spec(CheckDefinition check) {
        try {
            return validator.spec(check.type(), check.params());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("check %s: %s".formatted(check.id(), e.getMessage()), e);
        }
    }

    private CheckDefinition find(UUID id) {
        return checks.findById(id).orElseThrow(() -> new NotFoundException("Check", id));
    }

    private static void refuseTemplated(CheckDefinition check, String verb) {
        if (check.templateId() != null) {
            throw new ConflictException(("check %s comes from check template %s and is kept in line with it, so it"
                    + " cannot be %s on its own: change the template (/api/v1/check-templates/%s), or the CI so that"
                    + " it no longer matches the template").formatted(check.name(), check.templateId(), verb,
                    check.templateId()));
        }
    }

    private record Valid(CiSummary ci, CheckSettings settings) {
    }

    private Valid validate(CheckInput input, CheckDefinition existing) {
        var v = new Violations();
        CiSummary ci = null;
        var ciId = Ids.parseOrNull(input.ci() == null ? null : input.ci().strip());
        if (input.ci() == null || input.ci().isBlank()) {
            v.add("ci", "is required: the id of the configuration item to check");
        } else if (ciId == null) {
            v.add("ci", "must be a CI id");
        } else {
            ci = inventory.find(ciId).orElse(null);
            if (ci == null) {
                v.add("ci", "no configuration item with id " + ciId);
            }
        }
        var settings = validator.validate(input, existing == null ? null : CheckSettings.of(existing), v);
        v.throwIfAny("Invalid check");
        return new Valid(ci, settings);
    }

    private static ConflictException duplicate(String name, CiSummary ci) {
        return ConflictException.onField("name", "%s already has a check named '%s'".formatted(ci.name(), name));
    }

    private static ConflictException stale(CheckDefinition existing, long sent) {
        return ConflictException.onField("version", ("check %s was changed by someone else (now version %d, you sent"
                + " %d); reload it and apply your change again").formatted(existing.name(), existing.version(), sent));
    }
}
