package io.opsline.monitoring.internal.downtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.opsline.monitoring.internal.AfterCommit;
import io.opsline.platform.Jdbc;

/**
 * The downtime windows near now, per CI and per check, held in memory so that the result
 * processor can ask about every result without a query. Tags and dependents are resolved to CIs
 * when it is rebuilt: after each change made on this node, and periodically for changes made on
 * others and for CIs that gained a tag or a parent.
 */
@Component
class DowntimeCalendar {

    /**
     * How far around now windows are kept: far beyond the refresh interval, so that a failed
     * refresh or two changes no answer; results are judged close to when they were taken.
     */
    private static final Duration HORIZON = Duration.ofHours(1);

    private final DowntimeRepository downtimes;
    private final ScopeResolver scopes;
    private final AfterCommit rebuild;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile Snapshot snapshot;

    DowntimeCalendar(DowntimeRepository downtimes, ScopeResolver scopes, PlatformTransactionManager transactions) {
        this.downtimes = downtimes;
        this.scopes = scopes;
        this.rebuild = new AfterCommit(this::refresh, transactions);
    }

    boolean covers(UUID ciId, UUID checkId, Instant at) {
        var s = loaded();
        return s.covers(s.byCheck(), checkId, at) || s.covers(s.byCi(), ciId, at);
    }

    boolean coversCi(UUID ciId, Instant at) {
        var s = loaded();
        return s.covers(s.byCi(), ciId, at);
    }

    /** Rebuilds the windows from the database. */
    void refresh() {
        rebuilding.lock();
        try {
            snapshot = build(Jdbc.now());
        } finally {
            rebuilding.unlock();
        }
    }

    /** Rebuilds once the caller's transaction has committed, so that its change is seen here at once. */
    void refreshAfterCommit() {
        rebuild.request();
    }

    private Snapshot loaded() {
        var s = snapshot;
        if (s != null) {
            return s;
        }
        rebuilding.lock();
        try {
            if (snapshot == null) {
                snapshot = build(Jdbc.now());
            }
            return snapshot;
        } finally {
            rebuilding.unlock();
        }
    }

    private Snapshot build(Instant now) {
        var from = now.minus(HORIZON);
        var to = now.plus(HORIZON);
        var byCi = new HashMap<UUID, List<Window>>();
        var byCheck = new HashMap<UUID, List<Window>>();
        for (var downtime : downtimes.findLive(from)) {
            var windows = downtime.schedule().windows(from, to);
            if (windows.isEmpty()) {
                continue;
            }
            if (downtime.scope() instanceof Scope.OneCheck check) {
                byCheck.computeIfAbsent(check.checkId(), id -> new ArrayList<>()).addAll(windows);
            } else {
                for (var ciId : scopes.cis(downtime.scope())) {
                    byCi.computeIfAbsent(ciId, id -> new ArrayList<>()).addAll(windows);
                }
            }
        }
        return new Snapshot(frozen(byCi), frozen(byCheck));
    }

    private static Map<UUID, List<Window>> frozen(Map<UUID, List<Window>> windows) {
        var copy = new HashMap<UUID, List<Window>>(windows.size() * 2);
        windows.forEach((id, list) -> copy.put(id, List.copyOf(list)));
        return Map.copyOf(copy);
    }

    private record Snapshot(Map<UUID, List<Window>> byCi, Map<UUID, List<Window>> byCheck) {

        boolean covers(Map<UUID, List<Window>> windows, UUID id, Instant at) {
            if (id == null) {
                return false;
            }
            for (var window : windows.getOrDefault(id, List.of())) {
                if (window.contains(at)) {
                    return true;
                }
            }
            return false;
        }
    }
}
