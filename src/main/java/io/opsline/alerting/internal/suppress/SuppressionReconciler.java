package io.opsline.alerting.internal.suppress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.Alerts;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Jdbc;

/**
 * Keeps open alerts' suppression in step with what changes: a silence, window or rule changed here
 * (at once, in that change's transaction), an alert that may inhibit others became active or was
 * resolved (right after), and every {@code opsline.alerting.suppression-refresh} for what other nodes
 * changed and for silences and windows that began or ended with the clock. Each alert whose
 * suppression is to change is locked and decided again before it is changed ({@link Alerts#resuppress}),
 * so several nodes doing this at once change it once.
 */
@Component
class SuppressionReconciler {

    private final SuppressionState state;
    private final SuppressionPolicy policy;
    private final Alerts alerts;
    private final Inventory inventory;

    SuppressionReconciler(SuppressionState state, SuppressionPolicy policy, Alerts alerts, Inventory inventory) {
        this.state = state;
        this.policy = policy;
        this.alerts = alerts;
        this.inventory = inventory;
    }

    /** Rereads what is in force and decides every open alert again. */
    void refresh() {
        state.reload();
        reconcileAll();
    }

    /** Applies a changed silence to the open alerts; returns how many open alerts it matches. */
    long silenceChanged(Silence silence) {
        state.reload();
        return reconcileAll().stream().filter(alert -> Matcher.all(silence.matchers(), AlertLabels.of(alert)))
                .count();
    }

    void maintenanceChanged() {
        refresh();
    }

    void rulesChanged() {
        refresh();
    }

    /** A new or newly active alert may inhibit alerts that are active now. */
    @ApplicationModuleListener
    void on(AlertFired fired) {
        var alert = alerts.find(fired.alertId()).filter(a -> SuppressionPolicy.ACTIVE.contains(a.status()))
                .orElse(null);
        if (alert == null) {
            return;
        }
        var snapshot = state.current();
        var labels = AlertLabels.of(alert);
        var candidates = new ArrayList<Alert>();
        if (snapshot.rules().stream().anyMatch(rule -> Matcher.all(rule.sourceMatchers(), labels))) {
            candidates.addAll(alerts.findOpen(SuppressionPolicy.ACTIVE, null));
        } else if (alert.severity() == Severity.CRITICAL && alert.ciId() != null) {
            candidates.addAll(alerts.findOpen(SuppressionPolicy.ACTIVE, inventory.dependents(alert.ciId())));
        }
        if (candidates.isEmpty()) {
            return;
        }
        var context = new ArrayList<>(candidates);
        context.add(alert);
        var open = new OpenAlerts(context);
        var now = Jdbc.now();
        // Only what was active is looked at, so only suppressing can follow from what is known here.
        reconcile(candidates, a -> a.status() == AlertStatus.SUPPRESSED ? a.suppressedBy()
                : policy.reasonFor(a, open, snapshot, now));
    }

    /** A resolved alert inhibits nothing any more, and its CI may no longer be down. */
    @ApplicationModuleListener
    void on(AlertResolved resolved) {
        var reasons = new ArrayList<String>();
        reasons.add(SuppressionPolicy.INHIBITED_BY + resolved.alertId());
        alerts.find(resolved.alertId()).map(Alert::ciId)
                .ifPresent(ci -> reasons.add(SuppressionPolicy.CAUSED_BY_CI + ci));
        if (!alerts.findSuppressedBy(reasons).isEmpty()) {
            reconcileAll();
        }
    }

    /** Decides every open alert again; returns the open alerts as they were read. */
    private List<Alert> reconcileAll() {
        var snapshot = state.current();
        var now = Jdbc.now();
        var all = alerts.findOpen(SuppressionPolicy.OPEN, null);
        var open = new OpenAlerts(all);
        reconcile(all, alert -> policy.reasonFor(alert, open, snapshot, now));
        return all;
    }

    private void reconcile(Collection<Alert> candidates, Function<Alert, String> reasonFor) {
        var changing = candidates.stream().filter(alert -> !Objects.equals(reasonFor.apply(alert),
                alert.suppressedBy())).map(Alert::id).toList();
        alerts.resuppress(changing, reasonFor);
    }
}
