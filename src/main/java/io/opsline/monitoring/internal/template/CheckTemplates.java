package io.opsline.monitoring.internal.template;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Tags;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckSettings;
import io.opsline.monitoring.internal.CheckSettingsValidator;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;

/**
 * Check templates: "every active server tagged linux gets ping, ssh and disk". Creating,
 * changing and deleting one applies it in the same transaction, so its checks appear, change
 * and go with it; each change is validated as a check is and audited, with the checks it
 * touched.
 */
@Service
public class CheckTemplates {

    private final TemplateRepository templates;
    private final TemplateApplier applier;
    private final CheckRepository checks;
    private final CheckSettingsValidator validator;
    private final AuditLog audit;

    CheckTemplates(TemplateRepository templates, TemplateApplier applier, CheckRepository checks,
            CheckSettingsValidator validator, AuditLog audit) {
        this.templates = templates;
        this.applier = applier;
        this.checks = checks;
        this.validator = validator;
        this.audit = audit;
    }

    /** Lists templates, optionally those for one CI class ({@code ciClass}). */
    @Transactional(readOnly = true)
    public Page<TemplateView> search(String ciClass, PageRequest page) {
        var v = new Violations();
        var wanted = v.optionalChoice("class", ciClass, CiClass.class);
        v.throwIfAny("Invalid filter");
        var found = templates.search(wanted, page);
        var counts = checks.countByTemplate(found.items().stream().map(CheckTemplate::id).toList());
        return found.map(t -> TemplateView.of(t, counts.getOrDefault(t.id(), 0L), null));
    }

    @Transactional(readOnly = true)
    public TemplateView get(UUID id) {
        return view(find(id), null);
    }

    @Transactional
    public TemplateView create(TemplateInput input) {
        var valid = validate(input, null);
        var now = Jdbc.now();
        var template = new CheckTemplate(Ids.newId(), valid.ciClass(), valid.tags(), valid.statuses(), valid.check(),
                now, now, 1);
        templates.insert(template);
        audit.record(new AuditEntry("check_template.create", "check_template", template.id().toString(),
                "Created check template " + template.describe(), null, view(template, null)));
        var stored = templates.lock(template.id()).orElseThrow();
        return view(stored, applier.apply(stored));
    }

    @Transactional
    public TemplateView update(UUID id, TemplateInput input) {
        var existing = find(id);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: send the version you last read");
        }
        var valid = validate(input, existing);
        if (input.version() != existing.version()) {
            throw stale(existing, input.version());
        }
        var before = view(existing, null);
        var changed = new CheckTemplate(id, valid.ciClass(), valid.tags(), valid.statuses(), valid.check(),
                existing.createdAt(), Jdbc.now(), existing.version());
        if (!templates.update(changed)) {
            throw stale(find(id), input.version());
        }
        // Read back as stored, so its checks are compared with exactly what the next round will read.
        var stored = templates.lock(id).orElseThrow();
        audit.record(new AuditEntry("check_template.update", "check_template", id.toString(),
                "Updated check template " + stored.describe(), before, view(stored, null)));
        return view(stored, applier.apply(stored));
    }

    /** Deletes a template and every check created from it. */
    @Transactional
    public void delete(UUID id) {
        var existing = templates.lock(id).orElseThrow(() -> new NotFoundException("Check template", id));
        var before = view(existing, null);
        var removed = applier.removeAll(existing);
        templates.delete(id);
        audit.record(new AuditEntry("check_template.delete", "check_template", id.toString(),
                "Deleted check template %s and its %d check(s)".formatted(existing.describe(), removed), before,
                null));
    }

    /** What applying the template now would do, without doing it; {@code page} pages the matching CIs. */
    @Transactional(readOnly = true)
    public TemplatePreview preview(UUID id, PageRequest page) {
        var plan = applier.plan(find(id));
        var all = new ArrayList<TemplatePreview.MatchingCi>();
        var skipped = new HashMap<UUID, String>();
        plan.skips.forEach(s -> skipped.put(s.ciId(), s.reason()));
        for (var ci : plan.matching) {
            all.add(new TemplatePreview.MatchingCi(ci.id(), ci.name(), ci.status(),
                    plan.outcomes.get(ci.id()).name().toLowerCase(), skipped.get(ci.id())));
        }
        var from = (int) Math.min(all.size(), page.offset());
        var items = all.subList(from, Math.min(all.size(), from + page.size()));
        return new TemplatePreview(id, all.size(), plan.creates.size(), plan.updates.size(), plan.removals.size(),
                plan.skips.size(), page.toPage(List.copyOf(items), all.size()));
    }

    private CheckTemplate find(UUID id) {
        return templates.findById(id).orElseThrow(() -> new NotFoundException("Check template", id));
    }

    private TemplateView view(CheckTemplate template, ApplyReport applied) {
        var count = checks.countByTemplate(List.of(template.id())).getOrDefault(template.id(), 0L);
        return TemplateView.of(template, count, applied);
    }

    private record Valid(CiClass ciClass, List<String> tags, List<CiStatus> statuses, CheckSettings check) {
    }

    private Valid validate(TemplateInput input, CheckTemplate existing) {
        var v = new Violations();
        CiClass ciClass = null;
        if (input.ciClass() == null || input.ciClass().isBlank()) {
            v.add("class", "is required: the class of the CIs that get the check, one of " + Choice.keys(CiClass.class));
        } else {
            ciClass = v.optionalChoice("class", input.ciClass(), CiClass.class);
        }
        var tags = Tags.read(v, "tags", input.tags());
        var statuses = statuses(v, input.statuses());
        var check = validator.validate(input, existing == null ? null : existing.check(), v);
        v.throwIfAny("Invalid check template");
        return new Valid(ciClass, tags, statuses, check);
    }

    /** The statuses a matching CI may have, in their declared order; only active CIs unless told. */
    private static List<CiStatus> statuses(Violations v, List<String> given) {
        if (given == null || given.stream().allMatch(s -> s == null || s.isBlank())) {
            return List.of(CiStatus.ACTIVE);
        }
        var chosen = EnumSet.noneOf(CiStatus.class);
        for (var text : given) {
            var status = v.optionalChoice("statuses", text, CiStatus.class);
            if (status != null) {
                chosen.add(status);
            }
        }
        return List.copyOf(chosen);
    }

    private static ConflictException stale(CheckTemplate existing, long sent) {
        return ConflictException.onField("version", ("check template %s was changed by someone else (now version %d,"
                + " you sent %d); reload it and apply your change again").formatted(existing.describe(),
                existing.version(), sent));
    }
}
