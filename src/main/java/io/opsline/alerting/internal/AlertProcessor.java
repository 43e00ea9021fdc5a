package io.opsline.alerting.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.AlertAcknowledged;
import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Event;
import io.opsline.alerting.internal.correlate.Correlation;
import io.opsline.platform.Ids;

/**
 * Turns a batch of events into alert changes, in one transaction: the open alerts the batch names
 * are locked first, so that nodes sharing a database apply events to an alert one batch at a time;
 * within the batch, events apply in the order they arrived.
 */
@Component
class AlertProcessor {

    private final AlertRepository alerts;
    private final ApplicationEventPublisher events;
    private final Correlation correlation;

    AlertProcessor(AlertRepository alerts, ApplicationEventPublisher events, Correlation correlation) {
        this.alerts = alerts;
        this.events = events;
        this.correlation = correlation;
    }

    /**
     * Applies the events and publishes what they did once it is stored.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another node opened an alert of
     *         the same fingerprint meanwhile; nothing is stored, and the batch can simply be applied again
     */
    @Transactional
    public void apply(List<Arrival> arrivals) {
        var open = new HashMap<>(alerts.lockOpen(arrivals.stream().map(Arrival::fingerprint).toList()));
        var created = new LinkedHashMap<UUID, Alert>();
        var changed = new LinkedHashMap<UUID, Alert>();
        var timeline = new ArrayList<AlertChange>();
        var announcements = new ArrayList<Object>();
        for (var arrival : arrivals) {
            var event = arrival.event();
            var current = open.get(arrival.fingerprint());
            var next = switch (event.action()) {
                case TRIGGER -> current == null ? open(arrival, timeline, announcements) : repeat(current, event, timeline);
                case ACKNOWLEDGE -> current == null || current.status() != AlertStatus.FIRING ? null
                        : acknowledge(current, event, timeline, announcements);
                case RESOLVE -> current == null ? null : resolve(current, event, timeline, announcements);
            };
            if (next == null) {
                continue;
            }
            if (next.status().isOpen()) {
                open.put(next.fingerprint(), next);
            } else {
                open.remove(next.fingerprint());
            }
            if (current == null || created.containsKey(next.id())) {
                created.put(next.id(), next);
            } else {
                changed.put(next.id(), next);
            }
        }
        alerts.insertAll(created.values());
        alerts.updateAll(changed.values());
        alerts.appendHistory(timeline);
        correlation.place(created.values(), changed.values());
        announcements.forEach(events::publishEvent);
    }

    private static Alert open(Arrival arrival, List<AlertChange> timeline, List<Object> announcements) {
        var event = arrival.event();
        var alert = new Alert(Ids.newId(), arrival.fingerprint(), event.source(), event.dedupKey(), AlertStatus.FIRING,
                event.severity(), event.summary(), arrival.ciId(), arrival.ciHint(), event.labels(), event.details(),
                event.link(), event.occurredAt(), event.occurredAt(), 1, null, null, null, null, 0);
        timeline.add(AlertChange.of(alert, event.occurredAt(), AlertChange.Kind.OPENED, event.source(), event.summary()));
        announcements.add(new AlertFired(alert.id(), alert.source(), alert.severity(), alert.ciId(), alert.summary(),
                event.occurredAt()));
        return alert;
    }

    /** One more trigger of an open alert: counted; what it says now replaces what it said. */
    private static Alert repeat(Alert current, Event event, List<AlertChange> timeline) {
        var next = current.withOccurrence(event.severity(), event.summary(), event.labels(), event.details(),
                event.link(), event.occurredAt());
        if (next.severity() != current.severity()) {
            timeline.add(AlertChange.of(next, event.occurredAt(), AlertChange.Kind.SEVERITY_CHANGED, event.source(),
                    current.severity() + " → " + next.severity()));
        }
        return next;
    }

    private static Alert acknowledge(Alert current, Event event, List<AlertChange> timeline,
            List<Object> announcements) {
        var next = current.acknowledged(event.occurredAt(), event.source());
        timeline.add(AlertChange.of(next, event.occurredAt(), AlertChange.Kind.ACKNOWLEDGED, event.source(), null));
        announcements.add(new AlertAcknowledged(next.id(), event.source(), event.occurredAt()));
        return next;
    }

    private static Alert resolve(Alert current, Event event, List<AlertChange> timeline, List<Object> announcements) {
        var next = current.resolved(event.occurredAt(), event.source());
        timeline.add(AlertChange.of(next, event.occurredAt(), AlertChange.Kind.RESOLVED, event.source(), null));
        announcements.add(new AlertResolved(next.id(), event.source(), event.occurredAt()));
        return next;
    }
}
