package io.opsline.alerting.internal.suppress;

import java.util.List;

import org.springframework.stereotype.Component;

import io.opsline.platform.Jdbc;

/**
 * The silences, maintenance windows and inhibition rules in force, kept in memory so that deciding
 * whether a new alert is suppressed costs no query. Reread whenever this node changes one, and every
 * {@code opsline.alerting.suppression-refresh} for what other nodes changed.
 */
@Component
class SuppressionState {

    /** What is in force: silences not over, windows not ended, every rule. */
    record Snapshot(List<Silence> silences, List<MaintenanceWindow> windows, List<InhibitionRule> rules) {
    }

    private final SilenceRepository silences;
    private final MaintenanceRepository windows;
    private final InhibitionRuleRepository rules;
    private volatile Snapshot current;

    SuppressionState(SilenceRepository silences, MaintenanceRepository windows, InhibitionRuleRepository rules) {
        this.silences = silences;
        this.windows = windows;
        this.rules = rules;
    }

    Snapshot current() {
        var snapshot = current;
        return snapshot == null ? reload() : snapshot;
    }

    /** Rereads everything, within the caller's transaction when there is one (so it sees its own changes). */
    Snapshot reload() {
        var now = Jdbc.now();
        var snapshot = new Snapshot(silences.findUnexpired(now),
                windows.findCurrentAndEndedSince(now, now).stream().filter(w -> w.endedAt() == null).toList(),
                rules.findAll());
        current = snapshot;
        return snapshot;
    }
}
