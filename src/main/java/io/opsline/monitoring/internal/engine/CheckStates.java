package io.opsline.monitoring.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgement;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.platform.NotFoundException;

/** Reading where checks stand: one check, or the problems across all of them, worst first. */
@Service
public class CheckStates {

    /**
     * Problems as people should see them: confirmed ones first, among them those nobody handles
     * yet (not acknowledged, not in downtime, not a parent's consequence), then the worst state,
     * then the longest-standing.
     */
    public static final Comparator<StateView> PROBLEMS_FIRST = Comparator
            .comparing((StateView v) -> !StateType.HARD.name().equals(v.stateType()))
            .thenComparing(v -> !v.isUnhandled())
            .thenComparing(v -> -ServiceState.valueOf(v.state()).severity())
            .thenComparing(StateView::lastChange, Comparator.nullsLast(Comparator.naturalOrder()));

    private final CheckRepository checks;
    private final CheckStateRepository states;
    private final HistoryRepository history;
    private final Inventory inventory;
    private final Acknowledgements acknowledgements;
    private final Downtimes downtimes;

    CheckStates(CheckRepository checks, CheckStateRepository states, HistoryRepository history,
            Inventory inventory, Acknowledgements acknowledgements, Downtimes downtimes) {
        this.acknowledgements = acknowledgements;
        this.downtimes = downtimes;
        this.checks = checks;
        this.states = states;
        this.history = history;
        this.inventory = inventory;
    }

    @Transactional(readOnly = true)
    public StateView get(UUID checkId) {
        var check = checks.findById(checkId).orElseThrow(() -> new NotFoundException("Check", checkId));
        var state = states.findById(checkId).orElse(null);
        var ids = new HashSet<UUID>();
        ids.add(check.ciId());
        if (state != null && state.causedBy() != null) {
            ids.add(state.causedBy());
        }
        return view(check, state, inventory.findAll(ids), acknowledgements.active(checkId).orElse(null));
    }

    /** Every check with a problem, soft or hard, confirmed ones first. */
    @Transactional(readOnly = true)
    public List<StateView> problems() {
        var problemStates = new HashMap<UUID, CheckState>();
        states.findProblems().forEach(s -> problemStates.put(s.checkId(), s));
        var found = checks.findAllById(problemStates.keySet());
        var ciIds = new HashSet<UUID>();
        for (var check : found) {
            ciIds.add(check.ciId());
            var cause = problemStates.get(check.id()).causedBy();
            if (cause != null) {
                ciIds.add(cause);
            }
        }
        var cis = inventory.findAll(ciIds);
        var acks = acknowledgements.activeFor(problemStates.keySet());
        var views = new ArrayList<StateView>(found.size());
        for (var check : found) {
            var view = view(check, problemStates.get(check.id()), cis, acks.get(check.id()));
            // A state stored without a result has seen nothing yet: it reads PENDING, not as a problem.
            if (view.isProblem()) {
                views.add(view);
            }
        }
        views.sort(PROBLEMS_FIRST);
        return views;
    }

    /** Where these checks stand, by check id; ids of checks that do not exist are left out. */
    @Transactional(readOnly = true)
    public Map<UUID, StateView> of(Collection<UUID> checkIds) {
        if (checkIds.isEmpty()) {
            return Map.of();
        }
        var found = checks.findAllById(checkIds);
        var stored = new HashMap<UUID, CheckState>();
        states.findAllById(checkIds).forEach(s -> stored.put(s.checkId(), s));
        var ciIds = new HashSet<UUID>();
        for (var check : found) {
            ciIds.add(check.ciId());
            var state = stored.get(check.id());
            if (state != null && state.causedBy() != null) {
                ciIds.add(state.causedBy());
            }
        }
        var cis = inventory.findAll(ciIds);
        var acks = acknowledgements.activeFor(checkIds);
        var views = new HashMap<UUID, StateView>();
        for (var check : found) {
            views.put(check.id(), view(check, stored.get(check.id()), cis, acks.get(check.id())));
        }
        return views;
    }

    /**
     * How many checks stand in each state, in the order status boards show them: CRITICAL,
     * WARNING, UNKNOWN, OK, and PENDING for those that have not run yet.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> countByState() {
        var stored = states.countByState();
        var counts = new LinkedHashMap<String, Long>();
        for (var state : List.of(ServiceState.CRITICAL, ServiceState.WARNING, ServiceState.UNKNOWN, ServiceState.OK)) {
            counts.put(state.name(), stored.getOrDefault(state.name(), 0L));
        }
        // A check the scheduler has not taken up yet has no stored state at all.
        var counted = stored.values().stream().mapToLong(Long::longValue).sum();
        counts.put("PENDING", stored.getOrDefault("PENDING", 0L) + Math.max(0, checks.count() - counted));
        return counts;
    }

    /** A check's history, newest first. */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(UUID checkId, int limit) {
        checks.findById(checkId).orElseThrow(() -> new NotFoundException("Check", checkId));
        return history.findByCheck(checkId, limit);
    }

    private StateView view(CheckDefinition check, CheckState state, Map<UUID, CiSummary> cis,
            Acknowledgement acknowledgement) {
        var ci = ci(check.ciId(), cis);
        var inDowntime = downtimes.inDowntime(check.ciId(), check.id(), Instant.now());
        if (state == null || state.lastResult() == null) {
            return new StateView(check.id(), check.name(), check.type(), ci, "PENDING", null, 1, check.maxAttempts(),
                    null, state == null ? null : state.nextCheck(), null, null, null, null, List.of(), null, false, 0,
                    null, null, inDowntime);
        }
        var status = state.status();
        var result = state.lastResult();
        return new StateView(check.id(), check.name(), check.type(), ci, status.state().name(), status.type().name(),
                status.attempt(), check.maxAttempts(), result.startedAt(), state.nextCheck(), status.lastChange(),
                status.lastHardChange(), result.output(), result.longOutput(), result.perfData(),
                result.duration() == null ? null : result.duration().toMillis(), state.flapping(), state.percentChange(),
                state.causedBy() == null ? null : ci(state.causedBy(), cis), acknowledgement, inDowntime);
    }

    private static StateView.Ci ci(UUID id, Map<UUID, CiSummary> cis) {
        var ci = cis.get(id);
        return ci == null ? new StateView.Ci(id, null, null, List.of(), null)
                : new StateView.Ci(id, ci.name(), ci.ciClass(), ci.tags(), ci.ownerTeamId());
    }
}
