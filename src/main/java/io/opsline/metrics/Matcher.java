package io.opsline.metrics;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on a label, as in a PromQL selector: {@code job="node"}, {@code job!="node"},
 * {@code job=~"no.*"}, {@code job!~"no.*"}. A missing label counts as the empty value, so
 * {@code env=""} selects series without {@code env}. Regular expressions match the whole value.
 */
public record Matcher(String name, Op op, String value, Pattern pattern) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), MATCHES("=~"), NOT_MATCHES("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public Matcher {
        Objects.requireNonNull(name);
        Objects.requireNonNull(op);
        Objects.requireNonNull(value);
    }

    /**
     * A matcher; a regular expression that does not compile is an {@link IllegalArgumentException}
     * whose message says why, for the caller to report.
     */
    public static Matcher of(String name, Op op, String value) {
        Pattern pattern = null;
        if (op == Op.MATCHES || op == Op.NOT_MATCHES) {
            try {
                pattern = Pattern.compile(value, Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression " + value + ": " + e.getDescription());
            }
        }
        return new Matcher(name, op, value, pattern);
    }

    public static Matcher equal(String name, String value) {
        return of(name, Op.EQUAL, value);
    }

    public boolean matches(Labels labels) {
        var actual = labels.get(name);
        return matchesValue(actual == null ? "" : actual);
    }

    public boolean matchesValue(String actual) {
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCHES -> pattern.matcher(actual).matches();
            case NOT_MATCHES -> !pattern.matcher(actual).matches();
        };
    }

    /** Whether a series without this label (its value empty) is selected. */
    public boolean matchesEmpty() {
        return matchesValue("");
    }

    @Override
    public String toString() {
        return name + op.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
