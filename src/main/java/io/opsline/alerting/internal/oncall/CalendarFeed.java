package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.Jdbc;

/**
 * A schedule's shifts as a calendar to subscribe to, from {@code oncall-feed-past} ago to
 * {@code oncall-feed-future} ahead. Shifts reaching over those edges are given whole, so that
 * their UIDs stay the same from one refresh to the next.
 */
@Service
public class CalendarFeed {

    private final OnCall onCall;
    private final Schedules schedules;
    private final People people;
    private final AlertingProperties properties;

    CalendarFeed(OnCall onCall, Schedules schedules, People people, AlertingProperties properties) {
        this.onCall = onCall;
        this.schedules = schedules;
        this.people = people;
        this.properties = properties;
    }

    /** The calendar of a schedule, for callers signed in with an API token. */
    @Transactional(readOnly = true)
    public String forSchedule(UUID scheduleId) {
        return render(onCall.find(scheduleId), Jdbc.now());
    }

    /** The calendar a feed token opens; empty for an unknown token, without saying why. */
    @Transactional(readOnly = true)
    public Optional<String> forToken(String token) {
        return schedules.scheduleForFeedToken(token).map(id -> render(onCall.find(id), Jdbc.now()));
    }

    private String render(Schedule schedule, Instant now) {
        var from = now.minus(properties.oncallFeedPast());
        var to = now.plus(properties.oncallFeedFuture());
        var padding = properties.oncallMaxSpan();
        var shifts = onCall.timeline(schedule, from.minus(padding), to.plus(padding)).stream()
                .filter(s -> s.to().isAfter(from) && s.from().isBefore(to))
                .toList();
        var ids = new HashSet<UUID>();
        shifts.forEach(s -> ids.add(s.userId()));
        var found = people.findAll(ids);
        return ICalendar.of(schedule.id(), schedule.name(), shifts,
                id -> Optional.ofNullable(found.get(id)).map(Person::name).orElse(id.toString()), now);
    }
}
