package io.opsline.metrics;

import java.util.Locale;
import java.util.Optional;

/** How bad a threshold rule's alert is, worst first, as alerting ranks alerts. */
public enum RuleSeverity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The severity by its name in any case; empty for any other word. */
    public static Optional<RuleSeverity> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(word.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
