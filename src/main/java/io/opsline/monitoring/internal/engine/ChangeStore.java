package io.opsline.monitoring.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.HostState;
import io.opsline.monitoring.HostStateChanged;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.monitoring.internal.host.HostStateRepository;
import io.opsline.monitoring.internal.host.HostStatus;
import io.opsline.monitoring.internal.series.CheckMetrics;
import io.opsline.monitoring.internal.series.Sample;
import io.opsline.monitoring.internal.series.Samples;

/**
 * Stores changes in one transaction: the checks' states, their history, the host states their host
 * checks decide, and the module events, so that what is announced is exactly what is stored; and
 * once that has committed, their measurements into metrics.
 */
@Component
class ChangeStore {

    private final CheckStateRepository states;
    private final CheckRepository checks;
    private final HistoryRepository history;
    private final HostStateRepository hosts;
    private final Inventory inventory;
    private final Acknowledgements acknowledgements;
    private final CheckMetrics samples;
    private final ApplicationEventPublisher events;

    ChangeStore(CheckStateRepository states, CheckRepository checks, HistoryRepository history,
            HostStateRepository hosts, Inventory inventory, Acknowledgements acknowledgements, CheckMetrics samples,
            ApplicationEventPublisher events) {
        this.samples = samples;
        this.acknowledgements = acknowledgements;
        this.inventory = inventory;
        this.states = states;
        this.checks = checks;
        this.history = history;
        this.hosts = hosts;
        this.events = events;
    }

    /** Stores changes and the measurements of their results, leaving out those of checks deleted while they ran. */
    @Transactional
    public void persist(Collection<Change> changes) {
        var measured = new ArrayList<Sample>();
        changes.forEach(change -> measured.addAll(Samples.of(change.check(), change.state().lastResult())));
        store(changes, measured, true);
    }

    /** Stores changes and measurements, leaving out those of checks deleted while they ran. */
    @Transactional
    public void persist(Collection<Change> changes, Collection<Sample> measured) {
        store(changes, measured, true);
    }

    /**
     * Stores changes and measurements of checks that all still exist, without reading the checks
     * to make sure: a change of a deleted check makes it fail (its state's foreign key) and nothing
     * is stored, so that {@link #persist(Collection, Collection)} can be called instead. Checks are
     * rarely deleted while they run, and skipping that read saves one row lookup per result.
     *
     * @throws DataIntegrityViolationException when a check is gone
     */
    @Transactional
    public void persistAssumingChecksExist(Collection<Change> changes, Collection<Sample> measured) {
        store(changes, measured, false);
    }

    private void store(Collection<Change> changes, Collection<Sample> measured, boolean leaveOutDeleted) {
        var latest = new LinkedHashMap<UUID, CheckState>();
        for (var change : changes) {
            latest.put(change.state().checkId(), change.state());
        }
        Set<UUID> existing = null;
        if (leaveOutDeleted) {
            // A check deleted while it ran has nothing left to store.
            var mentioned = new HashSet<>(latest.keySet());
            measured.forEach(sample -> mentioned.add(sample.checkId()));
            existing = checks.existingIds(mentioned);
            latest.keySet().retainAll(existing);
        }
        states.saveAll(latest.values());
        var entries = new ArrayList<HistoryEntry>();
        var announcements = new ArrayList<Object>();
        for (var change : changes) {
            if (existing != null && !existing.contains(change.check().id())) {
                continue;
            }
            entries.addAll(change.history());
            announcements.addAll(change.events());
            if (change.isHardChange()) {
                acknowledgements.onStateChange(change.check().id(), change.state().status().state(),
                        change.state().lastResult().startedAt());
            }
            if (change.check().type() == CheckType.PING && (change.isHardChange() || change.isCauseChange())) {
                hostChange(change, entries, announcements);
            }
        }
        history.appendAll(entries);
        // One append to metrics for the whole batch, however many results it holds.
        if (existing == null) {
            samples.recordAfterCommit(measured);
        } else {
            var kept = existing;
            samples.recordAfterCommit(measured.stream().filter(sample -> kept.contains(sample.checkId())).toList());
        }
        announcements.forEach(events::publishEvent);
    }

    /** A host check's confirmed result, and what caused it, decide its CI's host state. */
    private void hostChange(Change change, List<HistoryEntry> entries, List<Object> announcements) {
        var check = change.check();
        var state = change.state();
        var result = state.lastResult();
        var now = HostState.ofCheckResult(state.status().state());
        if (now == HostState.DOWN && state.causedBy() != null) {
            now = HostState.UNREACHABLE;
        }
        var before = hosts.find(check.ciId()).map(HostStatus::state).orElse(HostState.UP);
        if (now == before) {
            return;
        }
        var causedBy = now == HostState.UNREACHABLE ? state.causedBy() : null;
        hosts.save(new HostStatus(check.ciId(), now, causedBy, result.startedAt(), result.output()));
        entries.add(HistoryEntry.of(check.ciId(), null, result.startedAt(), HistoryKind.HOST_STATE, now.name(),
                "HARD", null, result.output(), causedBy));
        announcements.add(new HostStateChanged(check.ciId(),
                inventory.find(check.ciId()).map(CiSummary::name).orElse(null), now, before, causedBy, result.startedAt(),
                result.output()));
    }
}
