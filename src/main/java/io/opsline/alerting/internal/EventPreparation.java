package io.opsline.alerting.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.opsline.alerting.Event;

/**
 * Gives events what the intake needs to store them: a fingerprint and the CI they are about. Runs
 * on the sender's thread, so that the one thread storing events only stores them.
 */
@Component
public class EventPreparation {

    private final CiMapper cis;
    private final IntakeQueue queue;
    private final Duration maxWait;

    EventPreparation(CiMapper cis, IntakeQueue queue, AlertingProperties properties) {
        this.cis = cis;
        this.queue = queue;
        this.maxWait = properties.intakeWait();
    }

    /** Queues the events; the future completes when they are stored. */
    public CompletableFuture<Void> submit(List<Event> events, List<String> fingerprintFields) {
        var arrivals = new ArrayList<Arrival>(events.size());
        for (var event : events) {
            var ciId = cis.map(event.ci());
            arrivals.add(new Arrival(event, Fingerprints.of(event, fingerprintFields), ciId,
                    ciId == null ? CiMapper.describe(event.ci()) : null));
        }
        return queue.submit(arrivals);
    }

    /** How long a sender waits for its events to be stored before it is told to try again. */
    public Duration maxWait() {
        return maxWait;
    }

    public IntakeBusyException busy() {
        return new IntakeBusyException(queue.waiting());
    }
}
