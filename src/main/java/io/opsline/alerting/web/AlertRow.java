package io.opsline.alerting.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.inventory.CiSummary;
import io.opsline.platform.Ids;

/**
 * An alert as the console shows it: with its CI's name and how long ago it began and was last seen.
 *
 * @param ciName the CI's name; its id when the CI is gone; null when no CI matched
 */
public record AlertRow(Alert alert, String ciName, String firstSeen, String lastSeen) {

    static AlertRow of(Alert alert, Map<UUID, CiSummary> cis, Instant now) {
        String ciName = null;
        if (alert.ciId() != null) {
            var ci = cis.get(alert.ciId());
            ciName = ci == null ? alert.ciId().toString() : ci.name();
        }
        return new AlertRow(alert, ciName, ago(alert.firstSeen(), now), ago(alert.lastSeen(), now));
    }

    /** "3 min ago": coarse on purpose, a glance at a console needs no seconds after the first minute. */
    static String ago(Instant at, Instant now) {
        var seconds = Math.max(0, Duration.between(at, now).toSeconds());
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }

    /** The badge's colour class; the severity is always written out too, so colour is never the only sign. */
    public String severityClass() {
        return severityClass(alert.severity());
    }

    public String statusClass() {
        return switch (alert.status()) {
            case FIRING -> "badge-danger";
            case ACKNOWLEDGED -> "badge-info";
            case SUPPRESSED -> "badge-maintenance";
            case RESOLVED -> "badge-ok";
        };
    }

    /** Firing alerts stand out; those someone is on, or nobody is to be told of, step back. */
    public boolean handled() {
        return alert.status() != AlertStatus.FIRING;
    }

    /**
     * What suppresses the alert, in words ("silence 1b2c…"); null while nothing does. Resolved alerts
     * keep the reason they had, but nothing suppresses them any more.
     */
    public String suppressedBy() {
        var reason = suppression();
        if (reason == null) {
            return null;
        }
        return switch (reason[0]) {
            case "silence" -> "a silence";
            case "maintenance" -> "maintenance (a monitoring downtime)";
            case "inhibited-by" -> "another alert";
            case "caused-by-ci" -> "an alert on a CI it depends on";
            default -> reason[0];
        };
    }

    /** Where what suppresses the alert is shown; null when it has no page. */
    public String suppressedByLink() {
        var reason = suppression();
        if (reason == null || reason.length < 2 || Ids.parseOrNull(reason[1]) == null) {
            return null;
        }
        return switch (reason[0]) {
            case "silence" -> "/alerts/silences#silence-" + reason[1];
            case "inhibited-by" -> "/alerts/" + reason[1];
            case "caused-by-ci" -> "/cis/" + reason[1];
            default -> null;
        };
    }

    private String[] suppression() {
        return alert.status() == AlertStatus.SUPPRESSED && alert.suppressedBy() != null
                ? alert.suppressedBy().split(":", 2) : null;
    }

    public String statusLabel() {
        return label(alert.status().name());
    }

    static String severityClass(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "state-critical";
            case ERROR -> "badge-danger";
            case WARNING -> "state-warning";
            case INFO -> "badge-info";
        };
    }

    static String label(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
