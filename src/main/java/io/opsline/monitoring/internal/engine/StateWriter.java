package io.opsline.monitoring.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.series.Sample;
import io.opsline.monitoring.internal.series.Samples;

/**
 * Writes the engine's results from one thread, in two kinds of batches:
 * <ul>
 * <li><b>news</b> (a state change, a problem, flapping) is written at once and in the order it
 * happened, so that people hear of it without delay;</li>
 * <li><b>routine</b> results (a check that was OK and still is) are gathered for one flush interval
 * and written together: of each check only its latest state, and every result's measurements.</li>
 * </ul>
 * Gathering is what lets ten thousand results a second be stored: a check run every 2 s has its
 * state row written once per interval instead of five times, and its measurements as one block.
 * A crash loses at most one interval of routine results, never an announced change.
 */
final class StateWriter {

    private static final Logger log = LoggerFactory.getLogger(StateWriter.class);
    /**
     * Measurements waiting to be written, at most (a few tens of megabytes). A check whose result
     * finds this many waiting waits, and with it its next run, so a database that cannot keep up
     * slows the checks down (and their lateness shows it) instead of filling the memory. Routine
     * states need no such limit: there is at most one per check.
     */
    private static final int MAX_SAMPLES = 400_000;
    /** News waiting to be written, at most; a check with news waits beyond that, as above. */
    private static final int MAX_NEWS = 100_000;

    private final ChangeStore store;
    private final long flushMillis;
    private final Object lock = new Object();
    /** News not yet written, in the order it came. */
    private List<Change> news = new ArrayList<>();
    /** The latest routine change of each check, newer than any of its news still waiting. */
    private LinkedHashMap<UUID, Change> routine = new LinkedHashMap<>();
    /** How many results the routine changes stand for. */
    private int routineResults;
    private List<Sample> samples = new ArrayList<>();
    private long routineDue;
    /** Held while a batch is written, so that a flush returns only once what it took is stored. */
    private final Object writing = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    StateWriter(ChangeStore store, long flushMillis) {
        this.store = store;
        this.flushMillis = flushMillis;
        this.routineDue = System.nanoTime() + flushMillis * 1_000_000;
        this.thread = Thread.ofPlatform().name("opsline-check-writer").daemon().unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Queues a result; waits while too much is waiting already (see {@link #MAX_SAMPLES}). */
    void add(Change change) {
        var measured = Samples.of(change.check(), change.state().lastResult());
        synchronized (lock) {
            try {
                while (samples.size() >= MAX_SAMPLES || news.size() >= MAX_NEWS) {
                    lock.wait();
                }
            } catch (InterruptedException e) {
                // Only a stopping engine interrupts its checks; their results go with them.
                Thread.currentThread().interrupt();
                return;
            }
            samples.addAll(measured);
            var id = change.check().id();
            if (isRoutine(change)) {
                routine.put(id, change);
                routineResults++;
            } else {
                // The news is newer than the check's routine state waiting: that one is never written.
                if (routine.remove(id) != null) {
                    routineResults--;
                }
                news.add(change);
                lock.notifyAll();
            }
        }
    }

    /** A result nobody needs to hear of at once: the check was OK, is OK, and is not flapping. */
    private static boolean isRoutine(Change change) {
        var state = change.state();
        return !change.isNews() && state.status().state() == ServiceState.OK && !state.flapping();
    }

    /** Writes everything waiting, before returning. */
    void flush() {
        while (writeNext(true)) {
            // until nothing is left
        }
    }

    /** Results waiting to be written. */
    int unsaved() {
        synchronized (lock) {
            return news.size() + routineResults;
        }
    }

    private void loop() {
        while (running) {
            try {
                synchronized (lock) {
                    while (news.isEmpty() && samples.size() < MAX_SAMPLES && System.nanoTime() - routineDue < 0) {
                        lock.wait(Math.max(1, (routineDue - System.nanoTime()) / 1_000_000));
                    }
                }
                writeNext(false);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /**
     * Writes the news waiting, or, when the routine results are due (or {@code everything} is
     * asked for), everything waiting. Says whether there was anything to write and it was stored.
     */
    private boolean writeNext(boolean everything) {
        synchronized (writing) {
            Batch batch;
            synchronized (lock) {
                var routineToo = everything || samples.size() >= MAX_SAMPLES || System.nanoTime() - routineDue >= 0;
                batch = take(routineToo);
                lock.notifyAll();
            }
            return !batch.isEmpty() && write(batch);
        }
    }

    /** What one batch stores: news in order, then the routine states that are newer, and measurements. */
    private record Batch(List<Change> news, List<Change> routine, int routineResults, List<Sample> samples) {

        boolean isEmpty() {
            return news.isEmpty() && routine.isEmpty() && samples.isEmpty();
        }

        List<Change> changes() {
            var all = new ArrayList<Change>(news.size() + routine.size());
            all.addAll(news);
            all.addAll(routine);
            return all;
        }
    }

    private Batch take(boolean routineToo) {
        var taken = news;
        news = new ArrayList<>();
        if (!routineToo) {
            return new Batch(taken, List.of(), 0, List.of());
        }
        var batch = new Batch(taken, List.copyOf(routine.values()), routineResults, samples);
        routine = new LinkedHashMap<>();
        routineResults = 0;
        samples = new ArrayList<>();
        routineDue = System.nanoTime() + flushMillis * 1_000_000;
        return batch;
    }

    /** Stores a batch; false if it failed and was put back to try again later. */
    private boolean write(Batch batch) {
        try {
            try {
                store.persistAssumingChecksExist(batch.changes(), batch.samples());
            } catch (DataIntegrityViolationException e) {
                // A check was deleted while it ran: store the rest.
                store.persist(batch.changes(), batch.samples());
            }
            return true;
        } catch (RuntimeException e) {
            log.error("Could not store {} check results; keeping them to try again",
                    batch.news().size() + batch.routineResults(), e);
            putBack(batch);
            try {
                Thread.sleep(Math.min(flushMillis, 1000));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Puts a batch that could not be stored back, before what came after it. */
    private void putBack(Batch batch) {
        synchronized (lock) {
            var newer = new HashSet<UUID>(routine.keySet());
            news.forEach(c -> newer.add(c.check().id()));
            var restored = new ArrayList<Change>(batch.news());
            restored.addAll(news);
            news = restored;
            var routineRestored = new LinkedHashMap<UUID, Change>();
            for (var change : batch.routine()) {
                // A check with something newer waiting keeps that instead.
                if (!newer.contains(change.check().id())) {
                    routineRestored.put(change.check().id(), change);
                }
            }
            routineRestored.putAll(routine);
            routine = routineRestored;
            routineResults += batch.routineResults();
            samples.addAll(batch.samples());
        }
    }

    /**
     * Stops the thread and writes what waits, for at most {@code limit}: a database that fell far
     * behind must not keep a stopping node from stopping (a service manager would kill it). What
     * could not be written in time is said in the log.
     */
    public void close(Duration limit) {
        running = false;
        thread.interrupt();
        var deadline = System.nanoTime() + limit.toNanos();
        try {
            thread.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (System.nanoTime() - deadline < 0 && writeNext(true)) {
            // until nothing is left or the time is up
        }
        var left = unsaved();
        if (left > 0) {
            log.error("Stopping with {} check results not stored: the database did not take them within {}", left,
                    limit);
        }
    }
}
