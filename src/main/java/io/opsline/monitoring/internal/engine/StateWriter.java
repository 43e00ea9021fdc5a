package io.opsline.monitoring.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Writes the engine's results in batches from one thread: at every flush interval, or at once
 * when a change is news (a state change, flapping), so that people hear of it without delay and
 * in the order it happened. Batching is what lets thousands of results a second be stored; a
 * crash loses at most one interval of routine results, never an announced change.
 */
final class StateWriter {

    private static final Logger log = LoggerFactory.getLogger(StateWriter.class);
    /**
     * Results waiting to be written, at most: about ten seconds of a busy node's results. A check
     * whose result finds this full waits, and with it its next run, so a database that cannot keep
     * up slows the checks down (and their lateness shows it) instead of filling the memory.
     */
    private static final int MAX_PENDING = 100_000;
    /**
     * Results stored in one transaction. Large, so that a writer that fell behind stores each
     * check's state once for several results (states are kept latest-first; history and samples in full).
     */
    private static final int MAX_BATCH = 100_000;

    private final ChangeStore store;
    private final long flushMillis;
    private final LinkedBlockingQueue<Change> queue = new LinkedBlockingQueue<>(MAX_PENDING);
    private final Object flushLock = new Object();
    private final Object signal = new Object();
    private boolean newsWaiting;
    private final Thread thread;
    private volatile boolean running = true;

    StateWriter(ChangeStore store, long flushMillis) {
        this.store = store;
        this.flushMillis = flushMillis;
        this.thread = Thread.ofPlatform().name("opsline-check-writer").daemon().unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Queues a result; waits while {@link #MAX_PENDING} results are waiting already. */
    void add(Change change) {
        try {
            queue.put(change);
        } catch (InterruptedException e) {
            // Only a stopping engine interrupts its checks; their results go with them.
            Thread.currentThread().interrupt();
            return;
        }
        if (change.isNews()) {
            synchronized (signal) {
                newsWaiting = true;
                signal.notifyAll();
            }
        }
    }

    /** Writes everything waiting, before returning. */
    void flush() {
        drain(null);
    }

    /** Results waiting to be written. */
    int unsaved() {
        return queue.size();
    }

    /** Writes {@code first} (if any) and everything queued after it, in batches, in order. */
    private void drain(Change first) {
        drain(first, () -> true);
    }

    /** As {@link #drain(Change)}, starting no new batch once {@code inTime} says no. */
    private void drain(Change first, BooleanSupplier inTime) {
        synchronized (flushLock) {
            var batch = new ArrayList<Change>();
            if (first != null) {
                batch.add(first);
            }
            queue.drainTo(batch, MAX_BATCH - batch.size());
            while (!batch.isEmpty()) {
                if (!write(batch) || !inTime.getAsBoolean()) {
                    return;
                }
                batch.clear();
                queue.drainTo(batch, MAX_BATCH);
            }
        }
    }

    private void loop() {
        while (running) {
            Change first = null;
            try {
                first = queue.poll(flushMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (signal) {
                    // Routine results: let an interval's worth gather into few batches, unless news comes.
                    if (!newsWaiting && !first.isNews()) {
                        signal.wait(flushMillis);
                    }
                    newsWaiting = false;
                }
                drain(first);
            } catch (InterruptedException e) {
                if (first != null) {
                    // Taken from the queue but not written: written now, ahead of what came after it.
                    drain(first);
                }
                if (!running) {
                    return;
                }
            }
        }
    }

    /** Stores a batch; false if it failed and was put back to try again later. */
    private boolean write(List<Change> batch) {
        try {
            try {
                store.persistAssumingChecksExist(batch);
            } catch (DataIntegrityViolationException e) {
                // A check was deleted while it ran: store the rest.
                store.persist(batch);
            }
            return true;
        } catch (RuntimeException e) {
            int kept = 0;
            for (var change : batch) {
                if (!queue.offer(change)) {
                    break;
                }
                kept++;
            }
            log.error("Could not store {} check results; keeping {} of them to try again", batch.size(), kept, e);
            try {
                TimeUnit.MILLISECONDS.sleep(flushMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
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
        drain(null, () -> System.nanoTime() - deadline < 0);
        if (!queue.isEmpty()) {
            log.error("Stopping with {} check results not stored: the database did not take them within {}",
                    queue.size(), limit);
        }
    }
}
