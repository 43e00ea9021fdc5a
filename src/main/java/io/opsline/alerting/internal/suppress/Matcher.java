package io.opsline.alerting.internal.suppress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.opsline.platform.Violations;

/**
 * One condition on an alert's labels, with Alertmanager's semantics: a label the alert lacks has
 * the empty value, and a regular expression must match the whole value (it is anchored at both
 * ends).
 */
public record Matcher(String name, MatchOperator operator, String value, @JsonIgnore Pattern pattern) {

    static final int MAX_MATCHERS = 20;
    private static final int MAX_NAME = 200;
    private static final int MAX_VALUE = 1000;

    boolean matches(Map<String, String> labels) {
        var actual = labels.getOrDefault(name, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    static boolean all(List<Matcher> matchers, Map<String, String> labels) {
        for (var matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The matcher as it is stored. */
    MatcherInput input() {
        return new MatcherInput(name, operator.symbol(), value);
    }

    /** A matcher read back from storage, where only valid ones are written. */
    static Matcher stored(MatcherInput input) {
        var operator = MatchOperator.of(input.operator());
        var regex = operator == MatchOperator.REGEX || operator == MatchOperator.NOT_REGEX;
        return new Matcher(input.name(), operator, input.value(), regex ? Pattern.compile(input.value()) : null);
    }

    static List<Matcher> stored(List<MatcherInput> inputs) {
        return inputs.stream().map(Matcher::stored).toList();
    }

    /**
     * The matchers a client sent, each checked: violations name the field ({@code matchers[2].value})
     * and the matcher; an empty list when any is bad.
     */
    static List<Matcher> validate(String field, List<MatcherInput> inputs, Violations violations) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_MATCHERS) {
            violations.add(field, "must hold 1 to %d matchers".formatted(MAX_MATCHERS));
            return List.of();
        }
        var matchers = new ArrayList<Matcher>();
        var valid = true;
        for (int i = 0; i < inputs.size(); i++) {
            var input = inputs.get(i);
            var at = "%s[%d]".formatted(field, i);
            if (input == null) {
                violations.add(at, "must be a matcher {name, operator, value}");
                valid = false;
                continue;
            }
            var name = input.name() == null ? "" : input.name().strip();
            if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
                violations.add(at + ".name", "must have 1 to %d characters and no control characters"
                        .formatted(MAX_NAME));
                valid = false;
            }
            var operator = MatchOperator.of(input.operator());
            if (operator == null) {
                violations.add(at + ".operator", "matcher '%s': unknown operator '%s', use one of =, !=, =~, !~"
                        .formatted(name, input.operator()));
                valid = false;
            }
            var value = input.value() == null ? "" : input.value();
            if (value.length() > MAX_VALUE) {
                violations.add(at + ".value", "must have at most %d characters".formatted(MAX_VALUE));
                valid = false;
                continue;
            }
            Pattern pattern = null;
            if (operator == MatchOperator.REGEX || operator == MatchOperator.NOT_REGEX) {
                try {
                    pattern = Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    violations.add(at + ".value", "matcher '%s%s%s' is no valid regular expression: %s"
                            .formatted(name, operator.symbol(), value, e.getDescription()));
                    valid = false;
                }
            }
            if (valid) {
                matchers.add(new Matcher(name, operator, value, pattern));
            }
        }
        return valid ? List.copyOf(matchers) : List.of();
    }

    /**
     * Whether the matchers also match an alert without any labels: then they would match nearly
     * everything, which Alertmanager refuses for silences too.
     */
    static boolean matchEverything(List<Matcher> matchers) {
        return all(matchers, Map.of());
    }
}
