package io.opsline.monitoring.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckDefinitionChanged;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.check.CheckRunner;
import io.opsline.monitoring.internal.scheduler.Slots;

/**
 * Runs this node's share of the active checks, each in its slot. One dispatcher thread takes
 * checks as they fall due and starts each on a virtual thread; a check is never started again
 * while it runs (its next slot is set only when its result is in); at most
 * {@code perTargetConcurrency} checks talk to one host at once, and at most {@code pluginSlots}
 * plugin processes run at once. Results go through the {@link Evaluation} into the
 * {@link StateWriter}. Definitions changed on this node are picked up at once, those changed on
 * another node at the next sync; states resume from the database after a restart.
 */
@Component
class CheckScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckScheduler.class);
    /** How many syncs pass between re-reading the CIs checks aim at (addresses change rarely). */
    private static final int CI_REFRESH_EVERY = 6;
    /**
     * How long a stopping engine may spend storing the results it still holds: with the checks
     * stopped first, well within Spring's 30 s per shutdown phase and a service manager's patience.
     */
    private static final Duration SHUTDOWN_WRITE_LIMIT = Duration.ofSeconds(20);

    private final EngineProperties properties;
    private final CheckRepository checks;
    private final CheckStateRepository states;
    private final CheckDefinitions definitions;
    private final Inventory inventory;
    private final CheckRunner runner;
    private final Evaluation evaluation;
    private final EngineStats stats;
    private final CheckLeases leases;
    private final ChangeStore store;
    private StateWriter writer;
    private final PassiveResults passive;

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    /** Versions of owned checks that are not scheduled (disabled, passive, CI gone), not to reload each sync. */
    private final Map<UUID, Long> idle = new ConcurrentHashMap<>();
    private final DelayQueue<Due> queue = new DelayQueue<>();
    private final Map<String, Semaphore> targets = new ConcurrentHashMap<>();
    private final Semaphore plugins;
    private volatile Set<Integer> owned = Set.of();
    private volatile boolean running;
    private final AtomicBoolean syncPending = new AtomicBoolean();
    private ExecutorService workers;
    private ScheduledExecutorService syncer;
    private Thread dispatcher;
    private int syncs;

    CheckScheduler(EngineProperties properties, CheckRepository checks, CheckStateRepository states,
            CheckDefinitions definitions, Inventory inventory, CheckRunner runner, Evaluation evaluation,
            EngineStats stats, ChangeStore store, PassiveResults passive, JdbcClient jdbc) {
        this.passive = passive;
        this.properties = properties;
        this.checks = checks;
        this.states = states;
        this.definitions = definitions;
        this.inventory = inventory;
        this.runner = runner;
        this.evaluation = evaluation;
        this.stats = stats;
        this.leases = new CheckLeases(jdbc, properties.leaseDuration());
        this.store = store;
        this.plugins = new Semaphore(properties.pluginSlots());
    }

    /** One check as this node runs it. Replaced, never changed, when its definition changes. */
    private static final class Entry {
        final CheckDefinition check;
        final CheckSpec spec;
        final CiSummary ci;
        final String target;
        volatile CheckState state;
        /** Guarded by this: whether a run is under way, and what takes over once it ends. */
        boolean busy;
        boolean retired;
        Entry successor;

        Entry(CheckDefinition check, CheckSpec spec, CiSummary ci, CheckState state) {
            this.check = check;
            this.spec = spec;
            this.ci = ci;
            this.target = CheckRunner.target(spec, ci);
            this.state = state;
        }
    }

    private record Due(Entry entry, Instant at) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(Instant.now(), at));
        }

        @Override
        public int compareTo(Delayed other) {
            return at.compareTo(((Due) other).at);
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Check engine disabled on this node (opsline.monitoring.engine.enabled=false)");
            return;
        }
        running = true;
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("opsline-check-", 0).factory());
        writer = new StateWriter(store, properties.flushInterval().toMillis());
        stats.unsavedFrom(writer::unsaved);
        writer.start();
        dispatcher = Thread.ofPlatform().name("opsline-check-dispatcher").daemon().start(this::dispatch);
        syncer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("opsline-check-sync")
                .daemon().factory());
        syncer.scheduleWithFixedDelay(this::syncSafely, 0, properties.syncInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Check engine started as node {}", leases.node());
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        syncer.shutdownNow();
        dispatcher.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close(SHUTDOWN_WRITE_LIMIT);
        try {
            leases.releaseAll();
        } catch (RuntimeException e) {
            log.warn("Could not give back this node's checks; others take them over when the leases expire", e);
        }
        entries.clear();
        queue.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the database and web server go, so that the last results are stored. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    /**
     * A definition changed here: sync as soon as the change is committed rather than at the next
     * interval. Many changes at once (a template applied to a thousand CIs) make one sync.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CheckDefinitionChanged event) {
        if (running && syncPending.compareAndSet(false, true)) {
            try {
                syncer.execute(this::syncSafely);
            } catch (RejectedExecutionException e) {
                // stopping: the next start syncs anyway
                syncPending.set(false);
            }
        }
    }

    private void dispatch() {
        while (running) {
            Due due;
            try {
                due = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            var entry = due.entry();
            synchronized (entry) {
                if (entry.retired || entry.busy) {
                    continue;
                }
                entry.busy = true;
            }
            workers.execute(() -> run(entry, due.at()));
        }
    }

    private void run(Entry entry, Instant due) {
        var limit = usesProcess(entry.check.type()) ? plugins
                : targets.computeIfAbsent(entry.target, t -> new Semaphore(properties.perTargetConcurrency()));
        CheckRunner.Run run;
        limit.acquireUninterruptibly();
        var started = Instant.now();
        var startedNanos = System.nanoTime();
        stats.started(Duration.between(due, started));
        try {
            run = runner.run(entry.spec, entry.ci, Duration.ofMillis(entry.check.timeoutMillis()),
                    entry.state.counter());
        } catch (RuntimeException e) {
            log.warn("Check {} ({}) failed to run", entry.check.name(), entry.check.id(), e);
            run = new CheckRunner.Run(CheckResult.endingNow(ServiceState.UNKNOWN,
                    "Check could not run: " + e.getMessage(), List.of(), started, startedNanos), null);
        } finally {
            limit.release();
            stats.finished();
        }
        finish(entry, due, run);
    }

    private void finish(Entry entry, Instant due, CheckRunner.Run run) {
        var before = entry.state;
        var evaluated = evaluation.apply(entry.check, before, run.result(), run.counter(), null);
        var now = Instant.now();
        var next = nextSlot(entry.check, due, before, evaluated.state(), now);
        var change = evaluated.withNextCheck(next);
        var after = change.state();
        entry.state = after;
        Entry successor;
        synchronized (entry) {
            entry.busy = false;
            successor = entry.successor;
            if (entry.retired && successor == null) {
                return;
            }
        }
        writer.add(change);
        if (successor != null) {
            successor.state = after.withNextCheck(Slots.first(successor.check.id(),
                    Duration.ofSeconds(successor.check.intervalSeconds()), now));
            queue.add(new Due(successor, successor.state.nextCheck()));
        } else {
            queue.add(new Due(entry, next));
        }
    }

    /** The next slot: in step with the last one, unless the check moved between normal and retry interval. */
    private static Instant nextSlot(CheckDefinition check, Instant due, CheckState before, CheckState after,
            Instant now) {
        var normal = Duration.ofSeconds(check.intervalSeconds());
        var retry = Duration.ofSeconds(check.retryIntervalSeconds());
        var interval = Slots.interval(after.status(), normal, retry);
        if (before.status().isRetrying() != after.status().isRetrying()) {
            return Slots.first(check.id(), interval, now);
        }
        return Slots.next(due, interval, now);
    }

    private static boolean usesProcess(CheckType type) {
        return type == CheckType.PLUGIN || type == CheckType.PING;
    }

    private void syncSafely() {
        syncPending.set(false);
        try {
            sync();
        } catch (RuntimeException e) {
            log.error("Check engine could not sync with the database; trying again in {}",
                    properties.syncInterval(), e);
        }
    }

    /**
     * Claims this node's share, then brings the running schedule in line with the stored checks:
     * new and changed checks in its buckets start, deleted, disabled and no longer owned ones stop.
     */
    private synchronized void sync() {
        if (!running) {
            return;
        }
        var shares = leases.renew(Instant.now());
        if (!shares.surplus().isEmpty()) {
            retireWhere(e -> shares.surplus().contains(CheckLeases.bucket(e.check.id())));
            writer.flush();
            leases.release(shares.surplus());
        }
        owned = shares.owned();
        var versions = checks.versions();
        retireWhere(e -> !versions.containsKey(e.check.id()) || !owned.contains(CheckLeases.bucket(e.check.id())));
        idle.keySet().retainAll(versions.keySet());
        var load = new HashSet<UUID>();
        versions.forEach((id, version) -> {
            if (!owned.contains(CheckLeases.bucket(id))) {
                return;
            }
            var entry = entries.get(id);
            if (entry == null ? !version.equals(idle.get(id)) : entry.check.version() != version) {
                load.add(id);
            }
        });
        if (!load.isEmpty()) {
            load(load);
        }
        if (++syncs % CI_REFRESH_EVERY == 0) {
            refreshCis();
        }
        expireStalePassiveChecks();
        stats.scheduled(entries.size());
    }

    /** Passive checks of this node's share that heard nothing within their freshness limit go stale. */
    private void expireStalePassiveChecks() {
        var now = Instant.now();
        var mine = checks.findByType(CheckType.PASSIVE).stream()
                .filter(c -> c.enabled() && owned.contains(CheckLeases.bucket(c.id()))).toList();
        var stored = new HashMap<UUID, CheckState>();
        states.findAllById(mine.stream().map(CheckDefinition::id).toList())
                .forEach(s -> stored.put(s.checkId(), s));
        for (var check : mine) {
            var spec = (CheckSpec.Passive) definitions.spec(check);
            if (!PassiveResults.freshUntil(check, spec, stored.get(check.id())).isAfter(now)) {
                passive.expireIfStale(check.id(), now);
            }
        }
    }

    /** Re-reads the CIs the scheduled checks aim at; a check whose CI changed (an address) starts anew. */
    private void refreshCis() {
        var current = List.copyOf(entries.values());
        var cis = inventory.findAll(current.stream().map(e -> e.check.ciId()).distinct().toList());
        var now = Instant.now();
        for (var entry : current) {
            var ci = cis.get(entry.check.ciId());
            if (ci == null) {
                retire(entry);
            } else if (!ci.equals(entry.ci)) {
                start(new Entry(entry.check, entry.spec, ci, entry.state), entry, now);
            }
        }
    }

    private void load(Set<UUID> ids) {
        var found = checks.findAllById(ids);
        var cis = inventory.findAll(found.stream().map(CheckDefinition::ciId).distinct().toList());
        var stored = new HashMap<UUID, CheckState>();
        var missing = new ArrayList<UUID>();
        for (var check : found) {
            if (!entries.containsKey(check.id())) {
                missing.add(check.id());
            }
        }
        for (var state : states.findAllById(missing)) {
            stored.put(state.checkId(), state);
        }
        var now = Instant.now();
        for (var check : found) {
            var ci = cis.get(check.ciId());
            var current = entries.get(check.id());
            if (!check.enabled() || check.type() == CheckType.PASSIVE || ci == null) {
                if (current != null) {
                    retire(current);
                }
                idle.put(check.id(), check.version());
                continue;
            }
            CheckSpec spec;
            try {
                spec = definitions.spec(check);
            } catch (RuntimeException e) {
                log.error("Check {} ({}) cannot be run: {}", check.name(), check.id(), e.getMessage());
                idle.put(check.id(), check.version());
                continue;
            }
            idle.remove(check.id());
            var state = current != null ? current.state : stored.get(check.id());
            var fresh = new Entry(check, spec, ci, state);
            if (state == null) {
                fresh.state = CheckState.initial(check.id(), now,
                        Slots.first(check.id(), Duration.ofSeconds(check.intervalSeconds()), now));
            } else if (current == null) {
                fresh.state = state.withNextCheck(resumeAt(check, state, now));
            }
            start(fresh, current, now);
        }
    }

    /** After a restart: the stored next slot if still ahead, else the first slot from now on. */
    private static Instant resumeAt(CheckDefinition check, CheckState state, Instant now) {
        var interval = Slots.interval(state.status(), Duration.ofSeconds(check.intervalSeconds()),
                Duration.ofSeconds(check.retryIntervalSeconds()));
        return state.nextCheck().isAfter(now) && state.nextCheck().isBefore(now.plus(interval)) ? state.nextCheck()
                : Slots.first(check.id(), interval, now);
    }

    /** Puts a check on the schedule, taking over from the entry it replaces once that one's run ends. */
    private void start(Entry fresh, Entry replaced, Instant now) {
        entries.put(fresh.check.id(), fresh);
        if (replaced != null) {
            synchronized (replaced) {
                replaced.retired = true;
                if (replaced.busy) {
                    replaced.successor = fresh;
                    return;
                }
            }
            fresh.state = replaced.state.withNextCheck(Slots.first(fresh.check.id(),
                    Duration.ofSeconds(fresh.check.intervalSeconds()), now));
        }
        queue.add(new Due(fresh, fresh.state.nextCheck()));
    }

    private void retireWhere(java.util.function.Predicate<Entry> condition) {
        for (var entry : List.copyOf(entries.values())) {
            if (condition.test(entry)) {
                retire(entry);
            }
        }
    }

    private void retire(Entry entry) {
        entries.remove(entry.check.id(), entry);
        synchronized (entry) {
            entry.retired = true;
        }
    }
}
