package io.opsline.alerting.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.AlertAcknowledged;
import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Event;
import io.opsline.alerting.internal.correlate.Correlation;
import io.opsline.alerting.internal.escalate.Escalations;
import io.opsline.alerting.internal.suppress.SuppressionPolicy;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;

/**
 * Turns a batch of events into alert changes, in one transaction: the open alerts the batch names
 * are locked first, so that nodes sharing a database apply events to an alert one batch at a time;
 * within the batch, events apply in the order they arrived.
 *
 * <p>Events of one problem can arrive out of order. A late trigger only counts (see
 * {@link Alert#withOccurrence}). A RESOLVE that finds no open alert is remembered for
 * {@code opsline.alerting.early-resolve-memory}: a TRIGGER of that fingerprint that is not newer than
 * the remembered resolve is the problem the resolve already ended, and is dropped: it opens nothing
 * and is counted nowhere. A newer trigger opens a new alert as usual.
 *
 * <p>Repeats that say nothing new ({@link Repeat}) are only counted, without reading their alerts,
 * and an open alert whose only event in the batch is a resolve ({@link Resolve}) is resolved without
 * being locked and read first; everything else takes the locked path, and so does a trigger or
 * resolve of a fingerprint this node has not seen open ({@link OpenFingerprints}): mostly the first
 * trigger of a new problem, with nothing to count on.
 *
 * <p>A new alert is suppressed at once when a silence, maintenance window or inhibition says so
 * ({@link SuppressionPolicy}); {@link AlertFired} is then not published for it.
 *
 * <p>The alerts are placed in groups ({@link Correlation}) and each group opened is routed
 * ({@link Escalations#start}) in the same transaction.
 */
@Component
class AlertProcessor {

    private static final Logger log = LoggerFactory.getLogger(AlertProcessor.class);

    private final AlertRepository alerts;
    private final ApplicationEventPublisher events;
    private final SuppressionPolicy suppression;
    private final Correlation correlation;
    private final Escalations escalations;
    private final OpenFingerprints seenOpen;
    private final Duration earlyResolveMemory;

    AlertProcessor(AlertRepository alerts, ApplicationEventPublisher events, SuppressionPolicy suppression,
            Correlation correlation, Escalations escalations, OpenFingerprints seenOpen,
            AlertingProperties properties) {
        this.alerts = alerts;
        this.events = events;
        this.suppression = suppression;
        this.correlation = correlation;
        this.escalations = escalations;
        this.seenOpen = seenOpen;
        this.earlyResolveMemory = properties.earlyResolveMemory();
    }

    /**
     * Applies the events and publishes what they did once it is stored.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another node opened an alert of
     *         the same fingerprint meanwhile; nothing is stored, and the batch can simply be applied again
     */
    @Transactional
    public void apply(List<Arrival> batch) {
        var done = new HashSet<>(alerts.countRepeats(Repeat.of(batch).stream()
                .filter(repeat -> seenOpen.mayBeOpen(repeat.fingerprint())).toList()));
        var resolvedAtOnce = alerts.resolveOpen(Resolve.of(batch).stream()
                .filter(resolve -> seenOpen.mayBeOpen(resolve.fingerprint())).toList());
        resolvedAtOnce.forEach(alert -> done.add(alert.fingerprint()));
        var arrivals = done.isEmpty() ? batch
                : batch.stream().filter(arrival -> !done.contains(arrival.fingerprint())).toList();
        if (arrivals.isEmpty() && resolvedAtOnce.isEmpty()) {
            return;
        }
        var locked = alerts.lockOpen(arrivals.stream().map(Arrival::fingerprint).toList());
        var open = new HashMap<>(locked);
        var now = Jdbc.now();
        var resolvedEarly = new HashMap<>(alerts.earlyResolves(arrivals.stream().map(Arrival::fingerprint)
                .filter(fingerprint -> !open.containsKey(fingerprint)).toList(), now));
        var newlyResolvedEarly = new HashMap<String, Instant>();
        var created = new LinkedHashMap<UUID, Alert>();
        var changed = new LinkedHashMap<UUID, Alert>();
        var timeline = new ArrayList<AlertChange>();
        var announcements = new ArrayList<Object>();
        for (var arrival : arrivals) {
            var event = arrival.event();
            var current = open.get(arrival.fingerprint());
            var next = switch (event.action()) {
                case TRIGGER -> current != null ? repeat(current, event, timeline)
                        : endedAlready(resolvedEarly, arrival) ? null : open(arrival, timeline, announcements);
                case ACKNOWLEDGE -> current == null || current.hasBeenAcknowledged() ? null
                        : acknowledge(current, event, timeline, announcements);
                case RESOLVE -> {
                    if (current == null) {
                        resolvedEarly.merge(arrival.fingerprint(), event.occurredAt(), AlertProcessor::later);
                        newlyResolvedEarly.merge(arrival.fingerprint(), event.occurredAt(), AlertProcessor::later);
                        yield null;
                    }
                    yield resolve(current, event, announcements);
                }
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
        suppressNew(created, timeline, announcements);
        alerts.rememberEarlyResolves(newlyResolvedEarly, now.plus(earlyResolveMemory));
        // Updates first: an alert resolved in this batch frees its fingerprint for the one opened after it.
        alerts.updateAll(changed.values(), locked.values().stream().collect(Collectors.toMap(Alert::id, a -> a)));
        alerts.insertAll(created.values());
        alerts.appendHistory(timeline);
        for (var alert : resolvedAtOnce) {
            changed.put(alert.id(), alert);
            announcements.add(resolvedAnnouncement(alert));
        }
        var openedGroups = correlation.place(created.values(), changed.values());
        escalations.start(rootsOf(openedGroups, created, changed));
        announcements.forEach(events::publishEvent);
        seenOpen.opened(open.keySet());
        seenOpen.ended(Stream.concat(arrivals.stream().map(Arrival::fingerprint), resolvedAtOnce.stream()
                .map(Alert::fingerprint)).filter(fingerprint -> !open.containsKey(fingerprint)).toList());
    }

    /** The root-cause alert of each group opened, by group id; every root is an alert of this batch. */
    private static Map<UUID, Alert> rootsOf(Map<UUID, UUID> openedGroups, Map<UUID, Alert> created,
            Map<UUID, Alert> changed) {
        var roots = new LinkedHashMap<UUID, Alert>();
        openedGroups.forEach((groupId, rootId) -> roots.put(groupId, created.getOrDefault(rootId, changed.get(rootId))));
        return roots;
    }

    /** Whether a RESOLVE not older than this trigger has been handled already: then the trigger is stale. */
    private static boolean endedAlready(Map<String, Instant> resolvedEarly, Arrival arrival) {
        var resolvedAt = resolvedEarly.get(arrival.fingerprint());
        if (resolvedAt == null || arrival.event().occurredAt().isAfter(resolvedAt)) {
            return false;
        }
        log.debug("Dropped a trigger of {} from {} at {}: its resolve at {} was handled before it",
                arrival.fingerprint(), arrival.event().source(), arrival.event().occurredAt(), resolvedAt);
        return true;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Suppresses the alerts this batch opened that a silence, maintenance window or inhibition
     * covers: nobody is told of them, so their {@link AlertFired} is withdrawn.
     */
    private void suppressNew(Map<UUID, Alert> created, List<AlertChange> timeline, List<Object> announcements) {
        suppression.reasonsForOpening(created.values()).forEach((id, reason) -> {
            var alert = created.get(id).suppressed(reason);
            created.put(id, alert);
            timeline.add(AlertChange.of(alert, alert.firstSeen(), AlertChange.Kind.SUPPRESSED, Alerts.SUPPRESSION_ACTOR,
                    reason));
            announcements.removeIf(announced -> announced instanceof AlertFired fired && fired.alertId().equals(id));
        });
    }

    private static Alert open(Arrival arrival, List<AlertChange> timeline, List<Object> announcements) {
        var event = arrival.event();
        var alert = new Alert(Ids.newId(), arrival.fingerprint(), event.source(), event.dedupKey(), AlertStatus.FIRING,
                event.severity(), event.summary(), arrival.ciId(), arrival.ciHint(), event.labels(), event.details(),
                event.link(), event.occurredAt(), event.occurredAt(), 1, null, null, null, null, null, 0);
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

    /** Resolved: the alert's row says when and by whom, which is its timeline's last line (see {@link AlertChange}). */
    private static Alert resolve(Alert current, Event event, List<Object> announcements) {
        var next = current.resolved(event.occurredAt(), event.source());
        announcements.add(resolvedAnnouncement(next));
        return next;
    }

    private static AlertResolved resolvedAnnouncement(Alert resolved) {
        return new AlertResolved(resolved.id(), resolved.ciId(), resolved.resolvedBy(), resolved.resolvedAt());
    }

    /** Forgets remembered resolves once their time is up; every node may run it, deleting twice is harmless. */
    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
    void forgetEarlyResolves() {
        alerts.forgetEarlyResolves(Jdbc.now());
    }
}
