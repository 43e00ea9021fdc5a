package io.opsline.alerting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Stores events the way a database stores commits from many clients: every request's events
 * join one queue, a worker applies whatever has gathered as one transaction, and each request is
 * answered once its events are stored. Senders are told "accepted" only for what is stored, and a
 * busy node stores thousands of events per transaction instead of one. A few workers take turns,
 * so that one prepares a batch while another's waits for the database; batches are ordered by
 * the rows they lock, as batches of several nodes are (one sender's events stay in order, as it
 * sends the next request once the last is answered).
 */
@Component
class IntakeQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntakeQueue.class);

    /** How often a batch is applied before its senders are told it failed, when it keeps losing races. */
    private static final int RACE_ATTEMPTS = 3;

    private final AlertProcessor processor;
    private final int batchLimit;
    private final int workers;
    private final LinkedBlockingQueue<Pending> queue;
    private final List<Thread> threads = new ArrayList<>();

    IntakeQueue(AlertProcessor processor, AlertingProperties properties) {
        this.processor = processor;
        this.batchLimit = properties.intakeBatch();
        this.workers = properties.intakeWorkers();
        this.queue = new LinkedBlockingQueue<>(properties.intakeQueue());
    }

    private record Pending(List<Arrival> arrivals, CompletableFuture<Void> stored) {
    }

    /**
     * Queues events to be stored; the future completes when they are.
     *
     * @throws IntakeBusyException when too many requests wait already
     */
    CompletableFuture<Void> submit(List<Arrival> arrivals) {
        var pending = new Pending(List.copyOf(arrivals), new CompletableFuture<>());
        if (arrivals.isEmpty()) {
            pending.stored().complete(null);
        } else if (!queue.offer(pending)) {
            throw new IntakeBusyException(queue.size());
        }
        return pending.stored();
    }

    /** Requests waiting to be stored. */
    int waiting() {
        return queue.size();
    }

    private void loop() {
        var batch = new ArrayList<Pending>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                var first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                var events = first.arrivals().size();
                // Whatever gathered while the last batch was stored, up to the limit.
                while (events < batchLimit) {
                    var next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    events += next.arrivals().size();
                }
                store(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (var left : batch) {
            left.stored().completeExceptionally(new IntakeBusyException(queue.size()));
        }
    }

    private void store(List<Pending> batch) {
        var arrivals = new ArrayList<Arrival>();
        batch.forEach(p -> arrivals.addAll(p.arrivals()));
        try {
            applyRetryingRaces(arrivals);
            batch.forEach(p -> p.stored().complete(null));
        } catch (RuntimeException e) {
            log.error("Could not store {} events; their senders are told so and may send them again", arrivals.size(),
                    e);
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /**
     * Applies a batch, again when it lost a race with another node: that node opened one of these
     * alerts meanwhile (locking again finds it), or the two waited for each other's rows (a repeat is
     * counted without being locked first, so batches do not always take rows in one order). Nothing
     * of a lost attempt is stored.
     */
    private void applyRetryingRaces(List<Arrival> arrivals) {
        for (int attempt = 1;; attempt++) {
            try {
                processor.apply(arrivals);
                return;
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                if (attempt == RACE_ATTEMPTS) {
                    throw e;
                }
                log.debug("Applying {} events again after a race with another node: {}", arrivals.size(), e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        for (int i = 1; i <= workers; i++) {
            threads.add(Thread.ofPlatform().name("opsline-alert-intake-" + i).daemon().start(this::loop));
        }
    }

    @Override
    public synchronized void stop() {
        threads.forEach(Thread::interrupt);
        for (var running : threads) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new IntakeBusyException(0));
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !threads.isEmpty();
    }
}
