package io.opsline.servicedesk.internal.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.internal.EntryKind;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.ServiceDeskProperties;

/**
 * Every {@code opsline.servicedesk.sla-check-interval}, on every node: finds the clocks whose warning
 * or breach has come, writes it on the incident's timeline and raises an alert in alerting (so
 * routing and escalation treat it like any other), and clears the SLA alert of a clock that stopped.
 * Each clock is dealt with in a transaction of its own holding its row lock, taken with SKIP LOCKED:
 * a clock another node (or a change to its incident) holds is that one's, so each warning and
 * breach is told once across all nodes.
 */
@Component
class SlaEvaluator implements SchedulingConfigurer {

    static final String SOURCE = "servicedesk";
    private static final Logger log = LoggerFactory.getLogger(SlaEvaluator.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ClockRepository clocks;
    private final Incidents incidents;
    private final AlertIntake intake;
    private final TransactionTemplate transaction;
    private final Duration interval;
    private final int batch;

    SlaEvaluator(ClockRepository clocks, Incidents incidents, AlertIntake intake,
            PlatformTransactionManager transactions, ServiceDeskProperties properties) {
        this.clocks = clocks;
        this.incidents = incidents;
        this.intake = intake;
        this.transaction = new TransactionTemplate(transactions);
        this.interval = properties.slaCheckInterval();
        this.batch = properties.slaCheckBatch();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::tick, interval, interval));
    }

    void tick() {
        try {
            evaluate(Jdbc.now());
        } catch (DataAccessException e) {
            log.warn("Could not look for SLA warnings and breaches; trying again in {}: {}", interval, e.getMessage());
        }
    }

    /** Deals with every clock due at {@code now}; returns how many this node dealt with. */
    int evaluate(Instant now) {
        var dealt = 0;
        for (var id : clocks.due(now, batch)) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> evaluate(id, now)))) {
                    dealt++;
                }
            } catch (PessimisticLockingFailureException e) {
                log.debug("SLA clock {} is being dealt with elsewhere", id);
            } catch (RuntimeException e) {
                // The claim is rolled back with the rest: the clock is tried again next round.
                log.warn("Could not tell about SLA clock {}; trying again next round: {}", id, e.getMessage());
            }
        }
        return dealt;
    }

    private boolean evaluate(UUID id, Instant now) {
        var clock = clocks.claim(id).orElse(null);
        if (clock == null) {
            return false;
        }
        var incident = incidents.get(clock.incidentId());
        var events = new ArrayList<Event>();
        var warnedAt = clock.warnedAt();
        var breachedAt = clock.breachedAt();
        if (clock.warningDue(now)) {
            warnedAt = now;
            incidents.note(incident.id(), EntryKind.SLA, false, label(clock) + " SLA warning: " + clock.warningPercent()
                    + "% of " + SlaWording.duration(clock.target()) + " used, " + due(clock));
            events.add(trigger(incident, clock, Severity.WARNING, clock.warnAt()));
        }
        if (clock.breachDue(now)) {
            breachedAt = now;
            incidents.note(incident.id(), EntryKind.SLA, false, label(clock) + " SLA breached: target "
                    + SlaWording.duration(clock.target()) + " passed at " + TIME.format(clock.dueAt()));
            events.add(trigger(incident, clock, Severity.CRITICAL, clock.dueAt()));
        }
        var wanted = clock.told(warnedAt, breachedAt, null).wantedAlert();
        if (events.isEmpty() && wanted != clock.alertSeverity()) {
            // Reopened after a warning or breach, or a longer target chosen since: the alert follows.
            events.add(wanted == null ? resolve(incident, clock, now) : trigger(incident, clock, wanted, now));
        }
        clocks.update(clock.told(warnedAt, breachedAt, wanted), now);
        if (!events.isEmpty()) {
            intake.accept(events);
        }
        return !events.isEmpty();
    }

    private static Event trigger(Incident incident, SlaClock clock, Severity severity, Instant at) {
        var what = severity == Severity.CRITICAL
                ? "breached: target " + SlaWording.duration(clock.target()) + " passed at " + TIME.format(clock.dueAt())
                : "at " + clock.warningPercent() + "%: " + due(clock);
        var summary = incident.reference() + " " + incident.priority().key() + " " + clock.kind().key() + " SLA "
                + what + " – " + incident.title();
        return new Event(SOURCE, dedupKey(incident, clock), EventAction.TRIGGER, severity, summary,
                labels(incident, clock), Map.of("incident", incident.id().toString()), ci(incident), at, null);
    }

    private static Event resolve(Incident incident, SlaClock clock, Instant at) {
        return new Event(SOURCE, dedupKey(incident, clock), EventAction.RESOLVE, Severity.INFO,
                incident.reference() + " " + clock.kind().key() + " SLA no longer at risk", labels(incident, clock),
                null, ci(incident), at, null);
    }

    /** One alert per clock: the warning, the breach and the all-clear all speak of it. */
    static String dedupKey(Incident incident, SlaClock clock) {
        return "sla:" + incident.reference() + ":" + clock.kind().key();
    }

    private static Map<String, String> labels(Incident incident, SlaClock clock) {
        return Map.of("incident", incident.reference(), "sla", clock.kind().key(), "priority",
                incident.priority().key());
    }

    private static CiHint ci(Incident incident) {
        List<UUID> cis = incident.ciIds();
        return cis.isEmpty() ? CiHint.NONE : CiHint.of(cis.getFirst());
    }

    private static String due(SlaClock clock) {
        // A clock put on hold right after its warning share was used up is due whenever it counts again.
        return clock.dueAt() == null ? "due once it counts again" : "due " + TIME.format(clock.dueAt());
    }

    private static String label(SlaClock clock) {
        return clock.kind().label();
    }
}
