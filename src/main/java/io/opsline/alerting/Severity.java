package io.opsline.alerting;

import java.util.Locale;
import java.util.Optional;

/** How bad an alert is, worst first; the four levels of PagerDuty's Events API. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /**
     * A severity as senders spell it: the four names in any case, and the usual synonyms of
     * Alertmanager rules and syslog ({@code page}, {@code high}, {@code err}, {@code warn},
     * {@code low}, {@code notice}, {@code none}, …). Empty when the word means nothing known.
     */
    public static Optional<Severity> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "p1", "fatal", "emergency", "emerg", "alert", "disaster" -> CRITICAL;
            case "error", "err", "high", "major", "p2" -> ERROR;
            case "warning", "warn", "medium", "average", "minor", "p3" -> WARNING;
            case "info", "information", "informational", "low", "notice", "none", "ok", "debug", "p4", "p5" -> INFO;
            default -> null;
        });
    }

    /** Whether this is at least as bad as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
