package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/** Creating and changing on-call schedules, their overrides and their calendar feed tokens. */
@Service
public class Schedules {

    private final ScheduleRepository schedules;
    private final EscalationRepository policies;
    private final People people;
    private final AuditLog audit;
    private final AlertingProperties properties;

    Schedules(ScheduleRepository schedules, EscalationRepository policies, People people, AuditLog audit,
            AlertingProperties properties) {
        this.schedules = schedules;
        this.policies = policies;
        this.people = people;
        this.audit = audit;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public List<ScheduleView> list() {
        return schedules.findAll().stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public ScheduleView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public CreatedSchedule create(ScheduleInput input) {
        var now = Jdbc.now();
        var schedule = validate(Ids.newId(), input, now, now, 0);
        var feed = FeedToken.generate();
        schedules.insert(schedule, feed.hash());
        var created = view(schedule);
        audit.record(new AuditEntry("oncall-schedule.create", "oncall-schedule", schedule.id().toString(),
                "Created on-call schedule " + schedule.name(), null, created));
        return new CreatedSchedule(created, feed);
    }

    @Transactional
    public ScheduleView update(UUID id, ScheduleInput input) {
        var existing = find(id);
        var before = view(existing);
        if (input.version() == null) {
            new Violations().add("version", "is required: send the version you last read").throwIfAny(
                    "Invalid schedule");
        }
        var changed = validate(id, input, existing.createdAt(), Jdbc.now(), existing.version());
        if (!schedules.update(changed, input.version())) {
            throw staleVersion("schedule", existing.version(), input.version());
        }
        var after = view(find(id));
        audit.record(new AuditEntry("oncall-schedule.update", "oncall-schedule", id.toString(),
                "Updated on-call schedule " + changed.name(), before, after));
        return after;
    }

    /** Deletes a schedule no escalation policy reaches people through; refused (409) otherwise. */
    @Transactional
    public void delete(UUID id) {
        var schedule = find(id);
        var users = policies.policiesTargeting(id);
        if (!users.isEmpty()) {
            throw new ConflictException("Schedule %s is used by escalation policies %s".formatted(schedule.name(),
                    String.join(", ", users)));
        }
        var before = view(schedule);
        schedules.delete(id);
        audit.record(new AuditEntry("oncall-schedule.delete", "oncall-schedule", id.toString(),
                "Deleted on-call schedule " + schedule.name(), before, null));
    }

    /**
     * Someone takes over for a while (a swap, a sick day). Where it overlaps an earlier override,
     * this one wins for the overlap; the earlier one stays for the rest.
     */
    @Transactional
    public ShiftOverride addOverride(UUID scheduleId, OverrideInput input, String actor) {
        var schedule = find(scheduleId);
        var violations = new Violations();
        var userId = violations.optionalId("userId", input.userId(), "must be a user id");
        if (input.userId() == null || input.userId().isBlank()) {
            violations.add("userId", "is required");
        } else if (userId != null) {
            var person = people.find(userId);
            if (person.isEmpty()) {
                violations.add("userId", "no user with id " + userId);
            } else if (!person.get().enabled()) {
                violations.add("userId", "user %s is disabled".formatted(person.get().username()));
            }
        }
        var from = TimeInputs.instant("from", input.from(), true, violations);
        var to = TimeInputs.instant("to", input.to(), true, violations);
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                violations.add("to", "must be after from");
            } else if (to.isAfter(from.plus(properties.oncallMaxSpan()))) {
                violations.add("to", "an override lasts at most %d days".formatted(
                        properties.oncallMaxSpan().toDays()));
            }
        }
        violations.throwIfAny("Invalid override");
        var override = new ShiftOverride(Ids.newId(), scheduleId, userId, from, to, Jdbc.now(), actor);
        schedules.insertOverride(override);
        audit.record(new AuditEntry("oncall-schedule.override.add", "oncall-schedule", scheduleId.toString(),
                "Put %s on call for schedule %s from %s to %s".formatted(name(userId), schedule.name(), from, to),
                null, override));
        return override;
    }

    @Transactional
    public void removeOverride(UUID scheduleId, UUID overrideId) {
        var schedule = find(scheduleId);
        var override = schedules.findOverride(scheduleId, overrideId)
                .orElseThrow(() -> new NotFoundException("Override", overrideId));
        schedules.deleteOverride(overrideId);
        audit.record(new AuditEntry("oncall-schedule.override.remove", "oncall-schedule", scheduleId.toString(),
                "Removed the override of %s from schedule %s".formatted(name(override.userId()), schedule.name()),
                override, null));
    }

    /** A new calendar feed token; the old address stops working at once. */
    @Transactional
    public FeedToken rotateFeedToken(UUID id) {
        var schedule = find(id);
        var feed = FeedToken.generate();
        schedules.replaceFeedToken(id, feed.hash());
        audit.record(new AuditEntry("oncall-schedule.rotate-feed-token", "oncall-schedule", id.toString(),
                "Gave the calendar feed of schedule %s a new address".formatted(schedule.name()), null, null));
        return feed;
    }

    /** The schedule a calendar feed token opens, if any. */
    @Transactional(readOnly = true)
    public Optional<UUID> scheduleForFeedToken(String token) {
        if (token == null || !token.startsWith(FeedToken.PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return schedules.findIdByFeedTokenHash(FeedToken.hash(token));
    }

    private Schedule validate(UUID id, ScheduleInput input, Instant createdAt, Instant updatedAt, long version) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), 100);
        var description = violations.optional("description", input.description(), 1000);
        var zone = TimeInputs.zone("timeZone", input.timeZone(), violations);
        var layers = LayerParser.layers(input.layers(), people, violations);
        violations.throwIfAny("Invalid schedule");
        if (schedules.nameTaken(name, id)) {
            throw ConflictException.onField("name", "a schedule named '%s' exists already".formatted(name));
        }
        return new Schedule(id, name, description, zone, layers, createdAt, updatedAt, version);
    }

    Schedule find(UUID id) {
        return schedules.find(id).orElseThrow(() -> new NotFoundException("On-call schedule", id));
    }

    private ScheduleView view(Schedule schedule) {
        var overrides = schedules.overridesEndingAfter(schedule.id(), Jdbc.now());
        var ids = new ArrayList<UUID>();
        schedule.layers().forEach(l -> ids.addAll(l.participants()));
        overrides.forEach(o -> ids.add(o.userId()));
        Map<UUID, String> names = new TreeMap<>();
        people.findAll(ids).values().forEach(p -> names.put(p.id(), p.username()));
        return new ScheduleView(schedule.id(), schedule.name(), schedule.description(), schedule.timeZone(),
                schedule.layers(), overrides, names, schedule.createdAt(), schedule.updatedAt(), schedule.version());
    }

    private String name(UUID userId) {
        return people.find(userId).map(Person::username).orElse(userId.toString());
    }

    static ConflictException staleVersion(String what, long current, long sent) {
        return ConflictException.onField("version", "the %s was changed by someone else (now version %d, you sent %d);"
                .formatted(what, current, sent) + " reload and apply your change again");
    }
}
