package io.opsline.alerting.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.alerting.AlertAcknowledged;
import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.BulkResult.Outcome;
import io.opsline.alerting.internal.correlate.Correlation;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Alerts as people read and handle them. */
@Service
public class Alerts {

    /** Who the timeline says suppressed an alert or made it active again. */
    public static final String SUPPRESSION_ACTOR = "opsline";

    /** The most alerts one bulk action takes: as many as the largest page shows, which is where they are chosen. */
    public static final int MAX_BULK = PageRequest.MAX_SIZE;

    private final AlertRepository alerts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Correlation correlation;
    private final TransactionTemplate eachOnItsOwn;

    Alerts(AlertRepository alerts, AuditLog audit, ApplicationEventPublisher events, Correlation correlation,
            PlatformTransactionManager transactions) {
        this.alerts = alerts;
        this.audit = audit;
        this.events = events;
        this.correlation = correlation;
        this.eachOnItsOwn = new TransactionTemplate(transactions);
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

    /** How many open (not resolved) alerts there are of each severity, every severity listed. */
    public Map<Severity, Long> openBySeverity() {
        var counts = new EnumMap<Severity, Long>(Severity.class);
        for (var severity : Severity.values()) {
            counts.put(severity, 0L);
        }
        counts.putAll(alerts.countOpenBySeverity());
        return counts;
    }

    public List<AlertChange> timeline(UUID id) {
        return alerts.history(get(id));
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
        store(alert, next, null, "alert.resolve", "Resolved alert " + alert.summary());
        events.publishEvent(new AlertResolved(id, alert.ciId(), by, now));
        return next;
    }

    /**
     * Open alerts in these statuses on these CIs, as they are now (not locked); {@code ciIds} null
     * for alerts on any CI or none.
     */
    public List<Alert> findOpen(Set<AlertStatus> statuses, Collection<UUID> ciIds) {
        return alerts.findOpen(statuses, ciIds);
    }

    /** These alerts as they are now; ids not found are left out. */
    public List<Alert> findAll(Collection<UUID> ids) {
        return alerts.findAll(ids);
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
        var before = new HashMap<UUID, Alert>();
        var timeline = new ArrayList<AlertChange>();
        for (var alert : alerts.lockOpenById(ids)) {
            before.put(alert.id(), alert);
            var reason = reasonFor.apply(alert);
            if (Objects.equals(reason, alert.suppressedBy())) {
                continue;
            }
            var next = reason == null ? alert.unsuppressed() : alert.suppressed(reason);
            changed.add(next);
            timeline.add(AlertChange.of(next, now, reason == null ? AlertChange.Kind.UNSUPPRESSED
                    : AlertChange.Kind.SUPPRESSED, SUPPRESSION_ACTOR, reason == null ? alert.suppressedBy() : reason));
        }
        alerts.updateAll(changed, before);
        alerts.appendHistory(timeline);
        changed.stream().filter(alert -> alert.status() != AlertStatus.SUPPRESSED)
                .forEach(alert -> events.publishEvent(new AlertFired(alert.id(), alert.source(), alert.severity(),
                        alert.ciId(), alert.summary(), now)));
        correlation.announceChanged(changed.stream().map(Alert::id).toList());
        return changed;
    }

    /** Stores a person's change of an alert, with its timeline line (null for a resolve, see {@link AlertChange}). */
    private void store(Alert before, Alert after, AlertChange change, String action, String summary) {
        alerts.updateAll(List.of(after), Map.of(before.id(), before));
        if (change != null) {
            alerts.appendHistory(List.of(change));
        }
        audit.record(new AuditEntry(action, "alert", after.id().toString(), summary, before.status(), after.status()));
    }

    /**
     * Acknowledges each of these alerts as {@link #acknowledge} does, audited one by one. Each is
     * changed in a transaction of its own and locked only meanwhile, so that a bulk action never
     * holds hundreds of alerts the intake is waiting to update.
     */
    public BulkResult acknowledgeAll(Collection<UUID> ids, String by) {
        return each(ids, id -> {
            var alert = alerts.findForUpdate(id).orElse(null);
            if (alert == null) {
                return new BulkResult.Item(id, Outcome.NOT_FOUND, null);
            }
            var unchanged = switch (alert.status()) {
                case ACKNOWLEDGED -> Outcome.ALREADY_ACKNOWLEDGED;
                case RESOLVED -> Outcome.ALREADY_RESOLVED;
                case FIRING, SUPPRESSED -> null;
            };
            if (unchanged == null) {
                acknowledge(id, by);
                return new BulkResult.Item(id, Outcome.ACKNOWLEDGED, alert.summary());
            }
            return new BulkResult.Item(id, unchanged, alert.summary());
        });
    }

    /** Resolves each of these alerts as {@link #resolve} does, each in a transaction of its own. */
    public BulkResult resolveAll(Collection<UUID> ids, String by) {
        return each(ids, id -> {
            var alert = alerts.findForUpdate(id).orElse(null);
            if (alert == null) {
                return new BulkResult.Item(id, Outcome.NOT_FOUND, null);
            }
            if (alert.status() == AlertStatus.RESOLVED) {
                return new BulkResult.Item(id, Outcome.ALREADY_RESOLVED, alert.summary());
            }
            resolve(id, by);
            return new BulkResult.Item(id, Outcome.RESOLVED, alert.summary());
        });
    }

    private BulkResult each(Collection<UUID> ids, Function<UUID, BulkResult.Item> change) {
        var distinct = new LinkedHashSet<>(ids);
        requireBulkSize(distinct.size());
        return new BulkResult(distinct.stream().map(id -> eachOnItsOwn.execute(status -> change.apply(id))).toList());
    }

    /** Refuses (422 on {@code ids}) a bulk action on no alert or on more than {@link #MAX_BULK}. */
    public static void requireBulkSize(int count) {
        if (count < 1 || count > MAX_BULK) {
            throw InvalidInputException.of("ids", "must list from 1 to %d alert ids".formatted(MAX_BULK));
        }
    }
}
