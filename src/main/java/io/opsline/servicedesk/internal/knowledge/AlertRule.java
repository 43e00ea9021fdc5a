package io.opsline.servicedesk.internal.knowledge;

import java.util.regex.Pattern;

/**
 * Which alerts an article applies to: those from {@code source} (any case) and, when
 * {@code dedupKey} is given, only those whose dedup key matches it, {@code *} standing for any run
 * of characters ({@code check:*}, {@code HostDown*}).
 */
public record AlertRule(String source, String dedupKey) {

    public boolean matches(String alertSource, String alertDedupKey) {
        if (alertSource == null || !source.equalsIgnoreCase(alertSource.strip())) {
            return false;
        }
        if (dedupKey == null) {
            return true;
        }
        return alertDedupKey != null && glob(dedupKey).matcher(alertDedupKey).matches();
    }

    private static Pattern glob(String pattern) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (var c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return dedupKey == null ? source : source + " " + dedupKey;
    }
}
