package io.opsline.alerting.internal.suppress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;

import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.Alerts;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Jdbc;
import io.opsline.platform.TransactionScope;

/**
 * Keeps open alerts' suppression in step with what changes: a silence, window or rule changed here
 * (at once, in that change's transaction), an alert that may inhibit others became active or was
 * resolved (right after), and every {@code opsline.alerting.suppression-refresh} for what other nodes
 * changed and for silences and windows that began or ended with the clock. Each alert whose
 * suppression is to change is locked and decided again before it is changed ({@link Alerts#resuppress}),
 * so several nodes doing this at once change it once.
 */
@Component
class SuppressionReconciler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SuppressionReconciler.class);

    /** One thread: reconciliations on one node follow each other, and none is lost to a full queue. */
    private final ExecutorService afterwards = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("opsline-suppression").daemon().factory());
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
    @EventListener
    void on(AlertFired fired) {
        record(changes -> changes.fired.add(fired));
    }

    /** A resolved alert inhibits nothing any more, and its CI may no longer be down. */
    @EventListener
    void on(AlertResolved resolved) {
        record(changes -> changes.resolved.add(resolved));
    }

    /**
     * What one transaction fired and resolved, looked at together once it has committed, on this
     * node's reconciling thread: an intake batch fires and resolves thousands at once, and its
     * thread is not held up. A crash before that loses nothing the periodic {@link #refresh} does
     * not find.
     */
    private final class Changes implements TransactionSynchronization {

        final List<AlertFired> fired = new ArrayList<>();
        final List<AlertResolved> resolved = new ArrayList<>();

        @Override
        public void afterCommit() {
            afterwards.execute(() -> reconcileAfter(this));
        }

    }

    /** Adds a change to what this transaction changed; one made outside a transaction is looked at right away. */
    private void record(Consumer<Changes> change) {
        var changes = TransactionScope.get(this, Changes::new);
        change.accept(changes);
        if (!TransactionScope.active()) {
            changes.afterCommit();
        }
    }

    private void reconcileAfter(Changes changes) {
        try {
            inhibitFrom(changes.fired);
            releaseFrom(changes.resolved);
        } catch (RuntimeException e) {
            log.warn("Could not bring suppression up to date after {} fired and {} resolved alerts; the next refresh"
                    + " will", changes.fired.size(), changes.resolved.size(), e);
        }
    }

    /**
     * Suppresses what newly active alerts inhibit. Only alerts an inhibition rule's source side may
     * match, or critical alerts on a CI (topology), can inhibit: the others are not read at all.
     */
    private void inhibitFrom(List<AlertFired> fired) {
        var snapshot = state.current();
        var mayInhibit = fired.stream().filter(f -> !snapshot.rules().isEmpty()
                || (f.severity() == Severity.CRITICAL && f.ciId() != null)).map(AlertFired::alertId).toList();
        if (mayInhibit.isEmpty()) {
            return;
        }
        var active = alerts.findAll(mayInhibit).stream().filter(a -> SuppressionPolicy.ACTIVE.contains(a.status()))
                .toList();
        var candidates = new LinkedHashMap<UUID, Alert>();
        if (active.stream().anyMatch(alert -> snapshot.rules().stream()
                .anyMatch(rule -> Matcher.all(rule.sourceMatchers(), AlertLabels.of(alert))))) {
            alerts.findOpen(SuppressionPolicy.ACTIVE, null).forEach(a -> candidates.put(a.id(), a));
        } else {
            var dependents = new HashSet<UUID>();
            active.stream().filter(a -> a.severity() == Severity.CRITICAL && a.ciId() != null)
                    .forEach(a -> dependents.addAll(inventory.dependents(a.ciId())));
            alerts.findOpen(SuppressionPolicy.ACTIVE, dependents).forEach(a -> candidates.put(a.id(), a));
        }
        if (candidates.isEmpty()) {
            return;
        }
        var context = new ArrayList<>(candidates.values());
        active.stream().filter(a -> !candidates.containsKey(a.id())).forEach(context::add);
        var open = new OpenAlerts(context);
        var now = Jdbc.now();
        // Only what was active is looked at, so only suppressing can follow from what is known here.
        reconcile(candidates.values(), a -> a.status() == AlertStatus.SUPPRESSED ? a.suppressedBy()
                : policy.reasonFor(a, open, snapshot, now));
    }

    /** Decides everything again when an alert suppressed because of a resolved one is still suppressed. */
    private void releaseFrom(List<AlertResolved> resolved) {
        if (resolved.isEmpty()) {
            return;
        }
        var reasons = new ArrayList<String>();
        resolved.forEach(r -> reasons.add(SuppressionPolicy.INHIBITED_BY + r.alertId()));
        resolved.stream().map(AlertResolved::ciId).filter(Objects::nonNull).distinct()
                .forEach(ci -> reasons.add(SuppressionPolicy.CAUSED_BY_CI + ci));
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

    @Override
    public void destroy() {
        afterwards.shutdownNow();
    }
}
