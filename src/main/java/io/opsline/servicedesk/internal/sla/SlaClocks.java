package io.opsline.servicedesk.internal.sla;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.IncidentView.Named;

/**
 * Each incident's response and resolution clock: chosen from the SLA policies when the incident
 * opens and again when its priority, services or customer change, paused while it is on hold or resolved,
 * stopped at the first response and at resolution. {@link SlaEvaluator} tells about warnings and
 * breaches; this class keeps the clocks' stored state in step with their incident.
 */
@Service
public class SlaClocks {

    /** The states in which no clock counts: waiting for someone else, or done. */
    private static final Set<IncidentState> NOT_COUNTING = EnumSet.of(IncidentState.ON_HOLD, IncidentState.RESOLVED,
            IncidentState.CLOSED);

    private final ClockRepository clocks;
    private final PolicyRepository policies;
    private final CalendarRepository calendars;

    SlaClocks(ClockRepository clocks, PolicyRepository policies, CalendarRepository calendars) {
        this.clocks = clocks;
        this.policies = policies;
        this.calendars = calendars;
    }

    /**
     * Brings the incident's clocks in step with a change to it, in the transaction that stores the
     * change. {@code before} is null for a new incident.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void incidentChanged(Incident before, Incident after) {
        var now = after.updatedAt();
        var wasCounting = before == null || !NOT_COUNTING.contains(before.state());
        var counting = !NOT_COUNTING.contains(after.state());
        if (wasCounting && !counting) {
            clocks.openPause(after.id(), now);
        } else if (!wasCounting && counting) {
            clocks.closePause(after.id(), now);
        }
        var existing = clocks.lockForIncident(after.id()).stream()
                .collect(Collectors.toMap(SlaClock::kind, Function.identity()));
        var rechoose = before == null || existing.isEmpty() || before.priority() != after.priority()
                || !Set.copyOf(before.serviceIds()).equals(Set.copyOf(after.serviceIds()))
                || !Objects.equals(before.customerId(), after.customerId());
        var policy = rechoose ? choose(after.priority(), after.serviceIds(), after.customerId())
                : Optional.<SlaPolicy>empty();
        if (existing.isEmpty() && policy.isEmpty()) {
            return;
        }
        var pauses = clocks.pauses(List.of(after.id())).getOrDefault(after.id(), List.of());
        var times = new HashMap<UUID, BusinessTime>();
        for (var kind : ClockKind.values()) {
            var clock = existing.get(kind);
            if (policy.isPresent()) {
                clock = clock == null ? SlaClock.of(after.id(), kind, policy.get(), after.startedAt())
                        : clock.chosen(policy.get());
            }
            if (clock == null) {
                continue;
            }
            var stop = kind == ClockKind.RESPONSE ? after.respondedAt() : after.resolvedAt();
            var measured = clock.measured(time(clock.calendarId(), times), after.startedAt(), stop, pauses, now);
            if (existing.containsKey(kind)) {
                clocks.update(measured, now);
            } else {
                clocks.insert(measured, now);
            }
        }
    }

    /** Moves the due times of the clocks still counting in a calendar whose hours or holidays changed. */
    @Transactional(propagation = Propagation.MANDATORY)
    void calendarChanged(BusinessCalendar calendar) {
        var running = clocks.lockRunningIn(calendar.id());
        if (running.isEmpty()) {
            return;
        }
        var now = Jdbc.now();
        var time = calendar.businessTime();
        var pauses = clocks.pauses(running.stream().map(SlaClock::incidentId).collect(Collectors.toSet()));
        for (var clock : running) {
            clocks.update(clock.measured(time, clock.startedAt(), clock.stoppedAt(),
                    pauses.getOrDefault(clock.incidentId(), List.of()), now), now);
        }
    }

    /** The clocks of these incidents read now, response first, by incident id; incidents without clocks are left out. */
    @Transactional(readOnly = true)
    public Map<UUID, List<SlaClockView>> forIncidents(Collection<UUID> incidentIds) {
        var found = clocks.forIncidents(incidentIds);
        if (found.isEmpty()) {
            return Map.of();
        }
        var now = Jdbc.now();
        var incidentsWithClocks = found.stream().map(SlaClock::incidentId).collect(Collectors.toSet());
        var pauses = clocks.pauses(incidentsWithClocks);
        var calendarIds = found.stream().map(SlaClock::calendarId).collect(Collectors.toSet());
        var calendarsById = new HashMap<UUID, BusinessCalendar>();
        calendarIds.forEach(id -> calendars.find(id).ifPresent(c -> calendarsById.put(id, c)));
        var policyNames = new HashMap<UUID, String>();
        new HashSet<>(found.stream().map(SlaClock::policyId).filter(Objects::nonNull).toList())
                .forEach(id -> policies.find(id).ifPresent(p -> policyNames.put(id, p.name())));
        var views = new LinkedHashMap<UUID, List<SlaClockView>>();
        found.stream().sorted(Comparator.comparing(SlaClock::kind)).forEach(clock -> {
            var calendar = calendarsById.get(clock.calendarId());
            var reading = ClockReading.read(calendar.businessTime(), clock.target(), clock.warningPercent(),
                    clock.startedAt(), clock.stoppedAt(), pauses.getOrDefault(clock.incidentId(), List.of()), now);
            views.computeIfAbsent(clock.incidentId(), k -> new ArrayList<>()).add(new SlaClockView(
                    clock.kind(), reading.state(),
                    clock.policyId() == null ? null : new Named(clock.policyId(), policyNames.get(clock.policyId())),
                    new Named(calendar.id(), calendar.name()), clock.target(), reading.elapsed(),
                    reading.remaining(clock.target()), reading.percentage(clock.target()), clock.startedAt(),
                    reading.counting() ? reading.dueAt() : null, clock.stoppedAt(), clock.warnedAt(), clock.breachedAt()));
        });
        return views;
    }

    public List<SlaClockView> forIncident(UUID incidentId) {
        return forIncidents(List.of(incidentId)).getOrDefault(incidentId, List.of());
    }

    /**
     * The policy for an incident of this priority affecting these services, for this customer: the
     * customer's wins over one for a service, which wins over the general one; of several for its
     * services, the one with the shortest resolution target.
     */
    private Optional<SlaPolicy> choose(Priority priority, Collection<UUID> serviceIds, UUID customerId) {
        return policies.candidates(priority, serviceIds, customerId).stream().min(Comparator
                .comparing((SlaPolicy p) -> p.customerId() == null)
                .thenComparing(p -> p.serviceId() == null)
                .thenComparing(SlaPolicy::resolutionTarget)
                .thenComparing(SlaPolicy::responseTarget)
                .thenComparing(p -> p.id().toString()));
    }

    private BusinessTime time(UUID calendarId, Map<UUID, BusinessTime> known) {
        return known.computeIfAbsent(calendarId, id -> calendars.find(id)
                .orElseThrow(() -> new IllegalStateException("SLA clock measures in calendar " + id + ", which is gone"))
                .businessTime());
    }
}
