package io.opsline.alerting.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.AlertAcknowledged;
import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Alerts as people read and handle them. */
@Service
public class Alerts {

    /** Who the timeline says suppressed an alert or made it active again. */
    public static final String SUPPRESSION_ACTOR = "opsline";

    private final AlertRepository alerts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Alerts(AlertRepository alerts, AuditLog audit, ApplicationEventPublisher events) {
        this.alerts = alerts;
        this.audit = audit;
        this.events = events;
    }

    public Page<Alert> list(AlertFilter filter, PageRequest page) {
        return alerts.page(filter, page);
    }

    public Alert get(UUID id) {
        return alerts.find(id).orElseThrow(() -> new NotFoundException("Alert", id));
    }

    public Optional<Alert> find(UUID id) {
        return alerts.find(id);
    }

    public List<AlertChange> timeline(UUID id) {
        get(id);
        return alerts.history(id);
    }

    /**
     * Someone is on it. Acknowledging an acknowledged alert changes nothing; a resolved one cannot be.
     * A suppressed alert stays suppressed, and is acknowledged when it becomes active again.
     */
    @Transactional
    public Alert acknowledge(UUID id, String by) {
        var alert = alerts.findForUpdate(id).orElseThrow(() -> new NotFoundException("Alert", id));
        if (alert.status().isOpen() && alert.hasBeenAcknowledged()) {
            return alert;
        }
        if (alert.status() == AlertStatus.RESOLVED) {
            throw new ConflictException("Alert " + id + " is resolved already");
        }
        var now = Jdbc.now();
        var next = alert.acknowledged(now, by);
        store(alert, next, AlertChange.of(next, now, AlertChange.Kind.ACKNOWLEDGED, by, null),
                "alert.acknowledge", "Acknowledged alert " + alert.summary());
        events.publishEvent(new AlertAcknowledged(id, by, now));
        return next;
    }

    /** It is over, as a person says; a new trigger opens a new alert. */
    @Transactional
    public Alert resolve(UUID id, String by) {
        var alert = alerts.findForUpdate(id).orElseThrow(() -> new NotFoundException("Alert", id));
        if (alert.status() == AlertStatus.RESOLVED) {
            return alert;
        }
        var now = Jdbc.now();
        var next = alert.resolved(now, by);
        store(alert, next, AlertChange.of(next, now, AlertChange.Kind.RESOLVED, by, null), "alert.resolve",
                "Resolved alert " + alert.summary());
        events.publishEvent(new AlertResolved(id, by, now));
        return next;
    }

    /**
     * Open alerts in these statuses on these CIs, as they are now (not locked); {@code ciIds} null
     * for alerts on any CI or none.
     */
    public List<Alert> findOpen(Set<AlertStatus> statuses, Collection<UUID> ciIds) {
        return alerts.findOpen(statuses, ciIds);
    }

    /** Open alerts suppressed for one of these reasons (see {@link Alert#suppressedBy}). */
    public List<Alert> findSuppressedBy(Collection<String> reasons) {
        return alerts.findSuppressedBy(reasons);
    }

    /**
     * Decides again whether these open alerts are suppressed, with each locked: {@code reasonFor}
     * names why an alert is to be suppressed now, or gives null when it is to be active. What changed
     * is stored with a SUPPRESSED or UNSUPPRESSED line in its timeline; an alert that becomes active
     * again is announced with {@link AlertFired}, as nobody was told of it while it was suppressed.
     * Alerts resolved meanwhile, and those whose suppression stays as it is, are left alone, so
     * several nodes deciding the same at once change each alert once.
     *
     * @return the alerts whose suppression changed, as they are now
     */
    @Transactional
    public List<Alert> resuppress(Collection<UUID> ids, Function<Alert, String> reasonFor) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var now = Jdbc.now();
        var changed = new ArrayList<Alert>();
        var timeline = new ArrayList<AlertChange>();
        for (var alert : alerts.lockOpenById(ids)) {
            var reason = reasonFor.apply(alert);
            if (Objects.equals(reason, alert.suppressedBy())) {
                continue;
            }
            var next = reason == null ? alert.unsuppressed() : alert.suppressed(reason);
            changed.add(next);
            timeline.add(AlertChange.of(next, now, reason == null ? AlertChange.Kind.UNSUPPRESSED
                    : AlertChange.Kind.SUPPRESSED, SUPPRESSION_ACTOR, reason == null ? alert.suppressedBy() : reason));
        }
        alerts.updateAll(changed);
        alerts.appendHistory(timeline);
        changed.stream().filter(alert -> alert.status() != AlertStatus.SUPPRESSED)
                .forEach(alert -> events.publishEvent(new AlertFired(alert.id(), alert.source(), alert.severity(),
                        alert.ciId(), alert.summary(), now)));
        return changed;
    }

    private void store(Alert before, Alert after, AlertChange change, String action, String summary) {
        alerts.updateAll(List.of(after));
        alerts.appendHistory(List.of(change));
        audit.record(new AuditEntry(action, "alert", after.id().toString(), summary, before.status(), after.status()));
    }
}
