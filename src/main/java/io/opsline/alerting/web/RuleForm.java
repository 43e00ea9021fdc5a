package io.opsline.alerting.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.util.MultiValueMap;

import io.opsline.alerting.internal.routing.RoutingRule;
import io.opsline.alerting.internal.routing.RuleInput;
import io.opsline.alerting.internal.routing.RuleInput.ConditionsInput;
import io.opsline.alerting.internal.routing.RuleInput.TimeInput;

/**
 * The routing rule form, its fields named as the rule's validation names them
 * ({@code conditions.severities}) so each message lands beside its field. Sources and tags are typed
 * separated by commas or spaces, labels one {@code name=value} per line; every condition left
 * empty matches every alert.
 */
public record RuleForm(Map<String, String> text, Map<String, List<String>> choices) {

    static final List<String> TEXT = List.of("name", "enabled", "policyId", "conditions.sources", "conditions.tags",
            "conditions.labels", "conditions.time.from", "conditions.time.to", "conditions.time.timeZone", "version");
    static final List<String> CHOICES = List.of("conditions.severities", "conditions.ciClasses",
            "conditions.environments", "conditions.ownerTeams", "conditions.time.days");

    static RuleForm blank() {
        var text = new LinkedHashMap<String, String>();
        TEXT.forEach(f -> text.put(f, null));
        text.put("enabled", "true");
        text.put("conditions.time.timeZone", java.time.ZoneId.systemDefault().getId());
        var choices = new LinkedHashMap<String, List<String>>();
        CHOICES.forEach(f -> choices.put(f, List.of()));
        return new RuleForm(text, choices);
    }

    static RuleForm from(MultiValueMap<String, String> request) {
        var text = new LinkedHashMap<String, String>();
        TEXT.forEach(f -> text.put(f, request.getFirst(f)));
        var choices = new LinkedHashMap<String, List<String>>();
        CHOICES.forEach(f -> choices.put(f, request.getOrDefault(f, List.of())));
        return new RuleForm(text, choices);
    }

    static RuleForm of(RoutingRule rule) {
        var form = blank();
        var c = rule.conditions();
        form.text().put("name", rule.name());
        form.text().put("enabled", Boolean.toString(rule.enabled()));
        form.text().put("policyId", rule.policyId().toString());
        form.text().put("conditions.sources", String.join(", ", c.sources()));
        form.text().put("conditions.tags", String.join(", ", c.tags()));
        form.text().put("conditions.labels", new TreeMap<>(c.labels()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        form.choices().put("conditions.severities", keys(c.severities()));
        form.choices().put("conditions.ciClasses", keys(c.ciClasses()));
        form.choices().put("conditions.environments", keys(c.environments()));
        form.choices().put("conditions.ownerTeams", c.ownerTeams().stream().map(Object::toString).toList());
        if (c.time() != null) {
            form.choices().put("conditions.time.days", c.time().days().stream().map(Enum::name).toList());
            form.text().put("conditions.time.from", c.time().from() == null ? null : c.time().from().toString());
            form.text().put("conditions.time.to", c.time().to() == null ? null : c.time().to().toString());
            form.text().put("conditions.time.timeZone", c.time().timeZone());
        }
        form.text().put("version", Long.toString(rule.version()));
        return form;
    }

    /** Public because the form template reads it: SpEL only calls public methods. */
    public String get(String field) {
        return text.get(field);
    }

    public boolean chosen(String field, Object value) {
        return choices.getOrDefault(field, List.of()).contains(String.valueOf(value));
    }

    /** Whether a time window is asked for: any day, or either time. */
    boolean hasTime() {
        return !choices.get("conditions.time.days").isEmpty() || !blank(text.get("conditions.time.from"))
                || !blank(text.get("conditions.time.to"));
    }

    RuleInput toInput(Map<String, String> problems) {
        var labels = new LinkedHashMap<String, String>();
        var typed = text.get("conditions.labels");
        if (!blank(typed)) {
            for (var line : typed.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                var equals = line.indexOf('=');
                if (equals <= 0) {
                    problems.merge("conditions.labels", "'%s' is not name=value".formatted(line.strip()),
                            (a, b) -> a + "; " + b);
                    // An empty name the rule's validation refuses, so nothing is saved without this line.
                    labels.put("", "");
                } else {
                    labels.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        }
        var time = hasTime() ? new TimeInput(choices.get("conditions.time.days"), text.get("conditions.time.from"),
                text.get("conditions.time.to"), text.get("conditions.time.timeZone")) : null;
        var conditions = new ConditionsInput(choices.get("conditions.severities"), split("conditions.sources"),
                choices.get("conditions.ciClasses"), choices.get("conditions.environments"),
                choices.get("conditions.ownerTeams"), split("conditions.tags"), labels, time);
        Long version = null;
        var versionText = text.get("version");
        if (!blank(versionText)) {
            try {
                version = Long.valueOf(versionText.strip());
            } catch (NumberFormatException e) {
                problems.put("", "The form is out of date: reload the rule and change it again.");
                version = -1L;
            }
        }
        return new RuleInput(text.get("name"), "true".equals(text.get("enabled")), conditions,
                text.get("policyId"), version);
    }

    private List<String> split(String field) {
        var value = text.get(field);
        return blank(value) ? List.of()
                : Arrays.stream(value.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> keys(java.util.Set<? extends Enum<?>> values) {
        return values.stream().map(v -> v.name().toLowerCase(Locale.ROOT)).sorted().toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
