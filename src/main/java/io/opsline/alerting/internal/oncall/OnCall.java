package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * Who is on call: the final timeline of a schedule (layers and overrides merged), for people and
 * for the escalation that pages them. Shifts are computed when asked, never stored, so a changed
 * schedule counts at once on every node. Disabled and deleted users are never on call.
 */
@Service
public class OnCall {

    private final ScheduleRepository schedules;
    private final People people;
    private final AlertingProperties properties;

    OnCall(ScheduleRepository schedules, People people, AlertingProperties properties) {
        this.schedules = schedules;
        this.people = people;
        this.properties = properties;
    }

    /**
     * Who is on call at {@code at}; empty when nobody is. The shift's ends are where it really begins
     * and ends, looked for at most {@code opsline.alerting.oncall-max-span} either side of {@code at}.
     *
     * @throws NotFoundException when there is no such schedule
     */
    @Transactional(readOnly = true)
    public Optional<Shift> now(UUID scheduleId, Instant at) {
        return around(scheduleId, at).stream().filter(s -> !s.from().isAfter(at) && s.to().isAfter(at)).findFirst();
    }

    /**
     * The next shift of someone else after the one running at {@code at} (or, when nobody is on call,
     * the first shift after {@code at}); empty when there is none within {@code oncall-max-span}.
     *
     * @throws NotFoundException when there is no such schedule
     */
    @Transactional(readOnly = true)
    public Optional<Shift> next(UUID scheduleId, Instant at) {
        var shifts = around(scheduleId, at);
        var current = shifts.stream().filter(s -> !s.from().isAfter(at) && s.to().isAfter(at)).findFirst();
        var after = current.map(Shift::to).orElse(at);
        return shifts.stream()
                .filter(s -> !s.from().isBefore(after))
                .filter(s -> current.isEmpty() || !s.userId().equals(current.get().userId()))
                .findFirst();
    }

    /**
     * The final timeline between {@code from} and {@code to}, clipped to them, oldest first; gaps
     * where nobody is on call are left out. A range longer than {@code oncall-max-span} is refused.
     *
     * @throws NotFoundException when there is no such schedule
     * @throws io.opsline.platform.InvalidInputException when {@code to} is not after {@code from} or too far
     */
    @Transactional(readOnly = true)
    public List<Shift> shifts(UUID scheduleId, Instant from, Instant to) {
        var violations = new Violations();
        if (!to.isAfter(from)) {
            violations.add("to", "must be after from");
        } else if (to.isAfter(from.plus(properties.oncallMaxSpan()))) {
            violations.add("to", "must be at most %d days after from".formatted(properties.oncallMaxSpan().toDays()));
        }
        violations.throwIfAny("Invalid time range");
        return timeline(find(scheduleId), from, to);
    }

    /** The timeline without the range limit, for the calendar feed, whose range is configured. */
    List<Shift> timeline(Schedule schedule, Instant from, Instant to) {
        var overrides = schedules.overrides(schedule.id(), from, to);
        var users = new HashSet<UUID>();
        schedule.layers().forEach(l -> users.addAll(l.participants()));
        overrides.forEach(o -> users.add(o.userId()));
        Map<UUID, Person> found = people.findAll(users);
        return Timeline.merge(schedule.layers(), overrides, schedule.zone(), from, to,
                        id -> found.containsKey(id) && found.get(id).enabled())
                .stream()
                .map(t -> new Shift(t.userId(), found.get(t.userId()).username(), t.from(), t.to(), t.origin()))
                .toList();
    }

    Schedule find(UUID scheduleId) {
        return schedules.find(scheduleId).orElseThrow(() -> new NotFoundException("On-call schedule", scheduleId));
    }

    private List<Shift> around(UUID scheduleId, Instant at) {
        var span = properties.oncallMaxSpan();
        return timeline(find(scheduleId), at.minus(span), at.plus(span));
    }
}
