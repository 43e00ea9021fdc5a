package io.opsline.alerting.internal.correlate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.opsline.alerting.internal.Alert;
import io.opsline.platform.Sha256;

/** A grouping rule ready to test alerts: its regular expressions compiled once per batch, not per alert. */
final class CompiledRule {

    static final String SOURCE = "source";
    static final String SEVERITY = "severity";
    /** Leaves room for the rule name in a member's reason (1,000 characters). */
    private static final int MAX_KEY_TEXT = 800;

    private final GroupingRule rule;
    private final List<Predicate<String>> tests;

    CompiledRule(GroupingRule rule) {
        this.rule = rule;
        this.tests = rule.matchers().stream().map(CompiledRule::test).toList();
    }

    private static Predicate<String> test(LabelMatcher matcher) {
        if (matcher.regex()) {
            var pattern = Pattern.compile(matcher.value());
            return value -> value != null && pattern.matcher(value).matches();
        }
        if (SEVERITY.equals(matcher.label())) {
            return value -> matcher.value().equalsIgnoreCase(value);
        }
        return matcher.value()::equals;
    }

    /** The alert's key under this rule; empty when a matcher fails or a groupBy label is missing. */
    Optional<RuleKey> keyOf(Alert alert) {
        for (int i = 0; i < tests.size(); i++) {
            if (!tests.get(i).test(valueOf(alert, rule.matchers().get(i).label()))) {
                return Optional.empty();
            }
        }
        var text = new StringBuilder();
        var identity = new StringBuilder(rule.id().toString());
        for (var label : rule.groupBy()) {
            var value = valueOf(alert, label);
            if (value == null) {
                return Optional.empty();
            }
            text.append(text.isEmpty() ? "" : ", ").append(label).append('=').append(value);
            // Separators no label name or value contains, so that different values never make one key.
            identity.append('\u0000').append(label).append('\u0001').append(value);
        }
        var shown = text.length() > MAX_KEY_TEXT ? text.substring(0, MAX_KEY_TEXT) : text.toString();
        return Optional.of(new RuleKey(rule.id(), rule.name(), shown, Sha256.hex(identity.toString()),
                Duration.ofSeconds(rule.windowSeconds())));
    }

    /** A label's value; {@code source} and {@code severity} are the alert's own. */
    static String valueOf(Alert alert, String label) {
        return switch (label) {
            case SOURCE -> alert.source();
            case SEVERITY -> alert.severity().name();
            default -> alert.labels() == null ? null : alert.labels().get(label);
        };
    }

}
