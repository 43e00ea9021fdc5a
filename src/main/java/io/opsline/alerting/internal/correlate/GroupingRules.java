package io.opsline.alerting.internal.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;

/**
 * Grouping rules as admins keep them: validated, versioned (an edit based on an old version is a
 * conflict), ordered, audited. The intake reads them afresh for every batch, so a change applies to
 * the next alert on every node.
 */
@Service
public class GroupingRules {

    private static final int MAX_NAME = 100;
    private static final int MAX_MATCHERS = 20;
    private static final int MAX_GROUP_BY = 10;
    private static final int MAX_LABEL = 200;
    private static final int MAX_VALUE = 1000;
    private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);
    private static final Duration LONGEST_WINDOW = Duration.ofHours(24);

    private final GroupingRuleRepository rules;
    private final AuditLog audit;
    private final Duration defaultWindow;

    GroupingRules(GroupingRuleRepository rules, AuditLog audit, AlertingProperties properties) {
        this.rules = rules;
        this.audit = audit;
        this.defaultWindow = properties.groupingWindow();
    }

    /** Every rule, in the order they are tried. */
    public List<GroupingRule> list() {
        return rules.findAll();
    }

    public GroupingRule get(UUID id) {
        return rules.find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public GroupingRule create(GroupingRuleInput input) {
        var valid = validate(input);
        if (rules.nameTaken(valid.name(), new UUID(0, 0))) {
            throw nameTaken(valid.name());
        }
        var now = Jdbc.now();
        var rule = new GroupingRule(Ids.newId(), valid.name(), rules.nextPosition(), valid.matchers(), valid.groupBy(),
                valid.windowSeconds(), now, now, 0);
        rules.insert(rule);
        audit.record(new AuditEntry("grouping-rule.create", "grouping-rule", rule.id().toString(),
                "Created grouping rule " + rule.name(), null, rule));
        return rule;
    }

    /** Replaces a rule's content; its place in the order stays. Send the version last read. */
    @Transactional
    public GroupingRule update(UUID id, GroupingRuleInput input) {
        var existing = get(id);
        var valid = validate(input);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: send the version you last read");
        }
        if (rules.nameTaken(valid.name(), id)) {
            throw nameTaken(valid.name());
        }
        var rule = new GroupingRule(id, valid.name(), existing.position(), valid.matchers(), valid.groupBy(),
                valid.windowSeconds(), existing.createdAt(), Jdbc.now(), input.version() + 1);
        if (input.version() != existing.version() || !rules.update(rule, input.version())) {
            throw ConflictException.onField("version", ("grouping rule %s was changed by someone else (now version %d,"
                    + " you sent %d)").formatted(existing.name(), get(id).version(), input.version()));
        }
        audit.record(new AuditEntry("grouping-rule.update", "grouping-rule", id.toString(),
                "Changed grouping rule " + rule.name(), existing, rule));
        return rule;
    }

    @Transactional
    public void delete(UUID id) {
        var existing = get(id);
        rules.delete(id);
        audit.record(new AuditEntry("grouping-rule.delete", "grouping-rule", id.toString(),
                "Deleted grouping rule " + existing.name(), existing, null));
    }

    /** Puts the rules in this order: every rule's id, each once. */
    @Transactional
    public List<GroupingRule> reorder(List<UUID> ids) {
        var before = list();
        var known = before.stream().map(GroupingRule::id).toList();
        if (ids == null || ids.size() != known.size() || !new HashSet<>(ids).equals(new HashSet<>(known))) {
            throw InvalidInputException.of("ids", "must list every grouping rule's id exactly once");
        }
        for (int i = 0; i < ids.size(); i++) {
            rules.reposition(ids.get(i), i + 1);
        }
        audit.record(new AuditEntry("grouping-rule.reorder", "grouping-rule", null, "Reordered the grouping rules",
                known, ids));
        return list();
    }

    private record Valid(String name, List<LabelMatcher> matchers, List<String> groupBy, long windowSeconds) {
    }

    private Valid validate(GroupingRuleInput input) {
        var violations = new ArrayList<FieldViolation>();
        var name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            violations.add(FieldViolation.of("name", "must have 1 to " + MAX_NAME + " characters"));
        }
        var matchers = matchers(input.matchers(), violations);
        var groupBy = groupBy(input.groupBy(), violations);
        var window = input.windowSeconds() == null ? defaultWindow.toSeconds() : input.windowSeconds();
        if (window < SHORTEST_WINDOW.toSeconds() || window > LONGEST_WINDOW.toSeconds()) {
            violations.add(FieldViolation.of("windowSeconds", "must be between " + SHORTEST_WINDOW.toSeconds()
                    + " and " + LONGEST_WINDOW.toSeconds() + " seconds"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Invalid grouping rule", violations);
        }
        return new Valid(name, matchers, groupBy, window);
    }

    private static List<LabelMatcher> matchers(List<LabelMatcher> given, List<FieldViolation> violations) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_MATCHERS) {
            violations.add(FieldViolation.of("matchers", "may have at most " + MAX_MATCHERS + " entries"));
            return List.of();
        }
        var matchers = new ArrayList<LabelMatcher>();
        for (int i = 0; i < given.size(); i++) {
            var matcher = given.get(i);
            var field = "matchers[" + i + "]";
            if (matcher == null || !validLabel(matcher.label())) {
                violations.add(FieldViolation.of(field + ".label", "must have 1 to " + MAX_LABEL + " characters"));
                continue;
            }
            if (matcher.value() == null || matcher.value().length() > MAX_VALUE) {
                violations.add(FieldViolation.of(field + ".value", "must have at most " + MAX_VALUE + " characters"));
                continue;
            }
            if (matcher.regex()) {
                try {
                    Pattern.compile(matcher.value());
                } catch (PatternSyntaxException e) {
                    violations.add(FieldViolation.of(field + ".value",
                            "is no valid regular expression: " + e.getDescription()));
                    continue;
                }
            }
            matchers.add(new LabelMatcher(matcher.label().strip(), matcher.value(), matcher.regex()));
        }
        return List.copyOf(matchers);
    }

    private static List<String> groupBy(List<String> given, List<FieldViolation> violations) {
        if (given == null || given.isEmpty() || given.size() > MAX_GROUP_BY) {
            violations.add(FieldViolation.of("groupBy", "must name 1 to " + MAX_GROUP_BY + " labels"));
            return List.of();
        }
        if (!given.stream().allMatch(GroupingRules::validLabel)) {
            violations.add(FieldViolation.of("groupBy", "label names must have 1 to " + MAX_LABEL + " characters"));
            return List.of();
        }
        return given.stream().map(String::strip).distinct().toList();
    }

    private static boolean validLabel(String label) {
        return label != null && !label.isBlank() && label.strip().length() <= MAX_LABEL;
    }

    private static ConflictException nameTaken(String name) {
        return ConflictException.onField("name", "A grouping rule named '" + name + "' exists already");
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Grouping rule", id);
    }
}
