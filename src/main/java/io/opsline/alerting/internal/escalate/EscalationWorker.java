package io.opsline.alerting.internal.escalate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.opsline.alerting.internal.AlertingProperties;

/**
 * Looks for new alert groups and due escalation steps every poll interval, on every node: the
 * database decides which node takes which (see {@link Escalations}). Polling rather than events
 * keeps a page from depending on a message that a crash could lose, and costs two indexed queries
 * per interval.
 */
@Component
class EscalationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EscalationWorker.class);
    /** Groups routed in one transaction: a storm opens thousands a second, and each costs little. */
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
        while (!Thread.currentThread().isInterrupted()) {
            try {
                var routed = escalations.startNewGroups(ROUTE_BATCH);
                var due = escalations.due(STEP_BATCH);
                if (!due.isEmpty()) {
                    escalations.takeSteps(due);
                }
                // A storm opens groups faster than one batch an interval: keep going while work is left.
                if (routed < ROUTE_BATCH && due.size() < STEP_BATCH) {
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
