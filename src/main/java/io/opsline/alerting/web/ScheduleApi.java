package io.opsline.alerting.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.oncall.CalendarFeed;
import io.opsline.alerting.internal.oncall.CreatedSchedule;
import io.opsline.alerting.internal.oncall.FeedToken;
import io.opsline.alerting.internal.oncall.OnCall;
import io.opsline.alerting.internal.oncall.OverrideInput;
import io.opsline.alerting.internal.oncall.ScheduleInput;
import io.opsline.alerting.internal.oncall.ScheduleView;
import io.opsline.alerting.internal.oncall.Schedules;
import io.opsline.alerting.internal.oncall.Shift;
import io.opsline.alerting.internal.oncall.ShiftOverride;
import io.opsline.alerting.internal.oncall.TimeInputs;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Violations;

/**
 * On-call schedules over REST. Defining a schedule decides who gets woken at night, so it is for
 * admins; overrides are how people swap shifts, so operators add and remove them.
 */
@RestController
class ScheduleApi {

    private static final String BASE = "/api/v1/oncall-schedules";
    static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    /** Who is on call at a moment and who comes next; either may be null. */
    record OnCallNow(Instant at, Shift now, Shift next) {
    }

    private final Schedules schedules;
    private final OnCall onCall;
    private final CalendarFeed calendar;

    ScheduleApi(Schedules schedules, OnCall onCall, CalendarFeed calendar) {
        this.schedules = schedules;
        this.onCall = onCall;
        this.calendar = calendar;
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    List<ScheduleView> list() {
        return schedules.list();
    }

    @GetMapping(BASE + "/{id}")
    @RequiresRole(Role.VIEWER)
    ScheduleView get(@PathVariable UUID id) {
        return schedules.get(id);
    }

    /** Creates a schedule; the answer holds its calendar feed token, which is never shown again. */
    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    ResponseEntity<CreatedSchedule> create(@RequestBody ScheduleInput input) {
        var created = schedules.create(input);
        return ResponseEntity.created(URI.create(BASE + "/" + created.schedule().id())).body(created);
    }

    @PutMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    ScheduleView update(@PathVariable UUID id, @RequestBody ScheduleInput input) {
        return schedules.update(id, input);
    }

    @DeleteMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        schedules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(BASE + "/{id}/overrides")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<ShiftOverride> addOverride(@PathVariable UUID id, @RequestBody OverrideInput input,
            Principal principal) {
        var override = schedules.addOverride(id, input, principal.getName());
        return ResponseEntity.status(201).body(override);
    }

    @DeleteMapping(BASE + "/{id}/overrides/{overrideId}")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Void> removeOverride(@PathVariable UUID id, @PathVariable UUID overrideId) {
        schedules.removeOverride(id, overrideId);
        return ResponseEntity.noContent().build();
    }

    /** Who is on call at {@code at} (now when left out) and who is next. */
    @GetMapping(BASE + "/{id}/on-call")
    @RequiresRole(Role.VIEWER)
    OnCallNow onCall(@PathVariable UUID id, @RequestParam(required = false) String at) {
        var violations = new Violations();
        var moment = TimeInputs.instant("at", at, false, violations);
        violations.throwIfAny("Invalid moment");
        var when = moment == null ? Jdbc.now() : moment;
        return new OnCallNow(when, onCall.now(id, when).orElse(null), onCall.next(id, when).orElse(null));
    }

    /** The final timeline (layers and overrides merged) between two instants, at most oncall-max-span apart. */
    @GetMapping(BASE + "/{id}/shifts")
    @RequiresRole(Role.VIEWER)
    List<Shift> shifts(@PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        var violations = new Violations();
        var start = TimeInputs.instant("from", from, true, violations);
        var end = TimeInputs.instant("to", to, true, violations);
        violations.throwIfAny("Invalid time range");
        return onCall.shifts(id, start, end);
    }

    /** The schedule as an iCalendar document, for API-token callers. */
    @GetMapping(BASE + "/{id}/calendar.ics")
    @RequiresRole(Role.VIEWER)
    ResponseEntity<String> calendar(@PathVariable UUID id) {
        return ResponseEntity.ok().contentType(CALENDAR).body(calendar.forSchedule(id));
    }

    /** A new calendar feed address; the old one stops working at once. */
    @PostMapping(BASE + "/{id}/feed-token")
    @RequiresRole(Role.ADMIN)
    FeedToken rotateFeedToken(@PathVariable UUID id) {
        return schedules.rotateFeedToken(id);
    }
}
