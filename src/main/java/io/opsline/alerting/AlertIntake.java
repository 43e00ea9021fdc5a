package io.opsline.alerting;

import java.util.List;

import org.springframework.stereotype.Service;

import io.opsline.alerting.internal.EventPreparation;
import io.opsline.alerting.internal.IntakeBusyException;

/**
 * The one way into alerting: every detector's events, whichever format they came in, end here.
 * {@link #accept} returns once the events are stored, so what a sender was told is accepted is
 * never lost.
 */
@Service
public class AlertIntake {

    private final EventPreparation preparation;

    AlertIntake(EventPreparation preparation) {
        this.preparation = preparation;
    }

    /**
     * Stores events as alerts, deduplicated by fingerprint; returns when they are stored.
     *
     * @param fingerprintFields the label names that identify a problem for these events' source
     *        (when an event has no dedup key); empty for all labels
     * @throws IntakeBusyException when the intake is too busy to take them now, or did not store
     *         them in time; the sender may send them again (a repeated trigger only counts once more)
     */
    public void accept(List<Event> events, List<String> fingerprintFields) {
        preparation.store(events, fingerprintFields);
    }

    /** As {@link #accept(List, List)}, with the fingerprint made of all labels. */
    public void accept(List<Event> events) {
        accept(events, List.of());
    }
}
