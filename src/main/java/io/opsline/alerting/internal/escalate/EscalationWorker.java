package io.opsline.alerting.internal.escalate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.opsline.alerting.internal.AlertingProperties;

/**
 * Looks for due escalation steps every poll interval, on every node: the database decides which
 * node takes which (see {@link Escalations}). Polling rather than events keeps a page from depending
 * on a message that a crash could lose, and costs one indexed query per interval. On starting, it
 * first routes any open group left without a routing decision from before groups were routed as
 * they opened.
 */
@Component
class EscalationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EscalationWorker.class);
    /** Groups left unrouted from before that are routed in one transaction. */
    private static final int ROUTE_BATCH = 1000;
    /** Steps taken in one transaction: each may queue notifications for several targets. */
    private static final int STEP_BATCH = 200;

    private final Escalations escalations;
    private final Duration poll;
    private volatile Thread thread;

    EscalationWorker(Escalations escalations, AlertingProperties properties) {
        this.escalations = escalations;
        this.poll = properties.escalationPoll();
    }

    private void loop() {
        var leftUnrouted = true;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (leftUnrouted) {
                    leftUnrouted = escalations.startNeverRouted(ROUTE_BATCH) == ROUTE_BATCH;
                }
                var due = escalations.due(STEP_BATCH);
                if (!due.isEmpty()) {
                    escalations.takeSteps(due);
                }
                // Many steps fall due at once in a storm: keep going while work is left.
                if (!leftUnrouted && due.size() < STEP_BATCH) {
                    TimeUnit.MILLISECONDS.sleep(poll.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Escalations could not be advanced; trying again shortly", e);
                try {
                    TimeUnit.SECONDS.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void start() {
        thread = Thread.ofPlatform().name("opsline-escalations").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        var running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
