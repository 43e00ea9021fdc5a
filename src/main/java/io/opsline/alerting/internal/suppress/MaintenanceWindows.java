package io.opsline.alerting.internal.suppress;

import java.time.Duration;
import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.monitoring.DowntimeEnded;
import io.opsline.monitoring.DowntimeStarted;
import io.opsline.platform.Jdbc;

/**
 * Monitoring's downtimes as maintenance windows: alerts on their CIs, from any source, are suppressed
 * while a window is active and become active again when it ends. The events are handled on their own
 * thread and transaction, in whatever order they arrive: an end handled before its start keeps the
 * start from opening the window again.
 */
@Service
public class MaintenanceWindows {

    private final MaintenanceRepository windows;
    private final SuppressionReconciler reconciler;
    private final Duration history;

    MaintenanceWindows(MaintenanceRepository windows, SuppressionReconciler reconciler,
            AlertingProperties properties) {
        this.windows = windows;
        this.reconciler = reconciler;
        this.history = properties.maintenanceHistory();
    }

    /** Windows not ended, and those ended within {@code opsline.alerting.maintenance-history}; latest first. */
    public List<MaintenanceWindow> list() {
        var now = Jdbc.now();
        return windows.findCurrentAndEndedSince(now.minus(history), now);
    }

    @ApplicationModuleListener
    void on(DowntimeStarted started) {
        var now = Jdbc.now();
        var known = windows.lock(started.downtimeId(), now);
        if (known.isPresent() && (known.get().startedAt().equals(started.startedAt())
                || known.get().endedAt() != null && !known.get().endedAt().isBefore(started.startedAt()))) {
            return;
        }
        var window = new MaintenanceWindow(started.downtimeId(), started.ciIds(), started.startedAt(),
                started.endsAt(), started.author(), started.comment(), null, false, false);
        windows.save(window);
        reconciler.maintenanceChanged();
    }

    @ApplicationModuleListener
    void on(DowntimeEnded ended) {
        var now = Jdbc.now();
        var known = windows.lock(ended.downtimeId(), now);
        if (known.isPresent() && (known.get().endedAt() != null
                || known.get().startedAt().isAfter(ended.endedAt()))) {
            return;
        }
        var window = known.map(w -> new MaintenanceWindow(w.downtimeId(), w.ciIds(), w.startedAt(), w.endsAt(),
                w.author(), w.comment(), ended.endedAt(), ended.cancelled(), false))
                .orElseGet(() -> new MaintenanceWindow(ended.downtimeId(), ended.ciIds(), ended.endedAt(),
                        ended.endedAt(), null, null, ended.endedAt(), ended.cancelled(), false));
        windows.save(window);
        reconciler.maintenanceChanged();
    }
}
