package io.opsline.alerting.internal.intake;

import io.opsline.alerting.Event;

/**
 * One PagerDuty Events v2 request as read: the routing key, which the caller checks against its
 * integrations before taking the event, and the event.
 */
public record PagerDutyEnqueue(String routingKey, Event event) {

    /** The dedup key to answer with: the sender's own, or the one made up for a trigger without one. */
    public String dedupKey() {
        return event.dedupKey();
    }
}
