package io.opsline.alerting.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import io.opsline.alerting.Event;

/**
 * Gives events what the intake needs to store them: a fingerprint, a digest of what they say and
 * the CI they are about. Runs on the sender's thread, so that the threads storing events only store
 * them; the sender waits until its events are stored.
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

    /**
     * Stores the events, returning once they are.
     *
     * @throws IntakeBusyException when the intake is too busy to take them, or did not store them
     *         within the configured wait
     */
    public void store(List<Event> events, List<String> fingerprintFields) {
        var arrivals = new ArrayList<Arrival>(events.size());
        for (var event : events) {
            var ciId = cis.map(event.ci());
            arrivals.add(new Arrival(event, Fingerprints.of(event, fingerprintFields), Fingerprints.content(event),
                    ciId, ciId == null ? CiMapper.describe(event.ci()) : null));
        }
        try {
            queue.submit(arrivals).get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeBusyException(queue.waiting());
        } catch (TimeoutException e) {
            throw new IntakeBusyException(queue.waiting());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
