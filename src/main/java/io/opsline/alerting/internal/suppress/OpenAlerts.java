package io.opsline.alerting.internal.suppress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;

/**
 * Open alerts that may be why another is suppressed, indexed for what the policy asks: which CIs have
 * open alerts, which active (unsuppressed) critical alerts sit on a CI, which active alerts there are.
 */
final class OpenAlerts {

    private final Set<UUID> cisWithOpenAlerts = new HashSet<>();
    private final Map<UUID, List<Alert>> activeCriticalByCi = new HashMap<>();
    private final List<Alert> active = new ArrayList<>();
    private final Map<UUID, Map<String, String>> labels = new HashMap<>();

    OpenAlerts(Collection<Alert> alerts) {
        alerts.forEach(this::add);
    }

    /** Counts an alert in; an active one may inhibit others from now on. */
    void add(Alert alert) {
        if (!alert.status().isOpen()) {
            return;
        }
        if (alert.ciId() != null) {
            cisWithOpenAlerts.add(alert.ciId());
        }
        if (alert.status() == AlertStatus.SUPPRESSED) {
            return;
        }
        active.add(alert);
        if (alert.severity() == Severity.CRITICAL && alert.ciId() != null) {
            activeCriticalByCi.computeIfAbsent(alert.ciId(), ci -> new ArrayList<>()).add(alert);
        }
    }

    boolean anyOpenOn(UUID ciId) {
        return cisWithOpenAlerts.contains(ciId);
    }

    boolean anyActiveCritical() {
        return !activeCriticalByCi.isEmpty();
    }

    /** Active critical alerts on these CIs, the oldest first. */
    Stream<Alert> activeCriticalOn(Set<UUID> ciIds) {
        return ciIds.stream().flatMap(ci -> activeCriticalByCi.getOrDefault(ci, List.of()).stream())
                .sorted(Comparator.comparing(Alert::firstSeen).thenComparing(Alert::id));
    }

    List<Alert> active() {
        return active;
    }

    Map<String, String> labelsOf(Alert alert) {
        return labels.computeIfAbsent(alert.id(), id -> AlertLabels.of(alert));
    }
}
