package io.opsline.metrics.internal.rules;

import java.util.regex.Pattern;

import io.opsline.metrics.Labels;

/**
 * Alert summaries with the two placeholders of Prometheus' alert templates that a line of text
 * needs: {@code {{ $labels.<name> }}} (empty when the series has no such label) and
 * {@code {{ $value }}}. Anything else between {@code {{ }}} is refused when the rule is saved.
 */
public final class SummaryTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern LABEL = Pattern.compile("\\s*\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)\\s*");
    private static final Pattern VALUE = Pattern.compile("\\s*\\$value\\s*");

    private SummaryTemplate() {
    }

    /** The first placeholder that is neither, with its position, or null when the template is fine. */
    static String problem(String template) {
        var match = PLACEHOLDER.matcher(template);
        while (match.find()) {
            var inside = match.group(1);
            if (!LABEL.matcher(inside).matches() && !VALUE.matcher(inside).matches()) {
                return "unknown placeholder \"" + match.group() + "\" at character " + (match.start() + 1)
                        + ": use {{ $labels.<name> }} or {{ $value }}";
            }
        }
        var open = template.indexOf("{{", match.reset().results().mapToInt(r -> r.end()).max().orElse(0));
        return open < 0 ? null : "unclosed \"{{\" at character " + (open + 1);
    }

    static String render(String template, Labels labels, double value) {
        return PLACEHOLDER.matcher(template).replaceAll(match -> {
            var label = LABEL.matcher(match.group(1));
            var text = label.matches() ? labels.get(label.group(1)) : formatValue(value);
            return java.util.regex.Matcher.quoteReplacement(text == null ? "" : text);
        });
    }

    /** As Prometheus prints a sample value: integers without a fraction. */
    public static String formatValue(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
