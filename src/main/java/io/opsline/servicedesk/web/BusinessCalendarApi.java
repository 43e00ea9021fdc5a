package io.opsline.servicedesk.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.sla.BusinessCalendar;
import io.opsline.servicedesk.internal.sla.BusinessCalendars;
import io.opsline.servicedesk.internal.sla.CalendarInput;

/**
 * Business calendars over REST: working hours per weekday in a time zone, less holidays, in which
 * SLA targets are measured. Everyone on the desk reads them; admins keep them.
 */
@RestController
@RequestMapping("/api/v1/business-calendars")
class BusinessCalendarApi {

    private final BusinessCalendars calendars;

    BusinessCalendarApi(BusinessCalendars calendars) {
        this.calendars = calendars;
    }

    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<BusinessCalendar> list() {
        return calendars.list();
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    BusinessCalendar get(@PathVariable UUID id) {
        return calendars.get(id);
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<BusinessCalendar> create(@RequestBody CalendarInput input) {
        var calendar = calendars.create(input);
        return ResponseEntity.created(URI.create("/api/v1/business-calendars/" + calendar.id())).body(calendar);
    }

    /** Replaces the calendar; {@code version} must be the one read (else 409). Running clocks follow at once. */
    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    BusinessCalendar update(@PathVariable UUID id, @RequestBody CalendarInput input) {
        return calendars.update(id, input);
    }

    /** Deletes a calendar no policy or clock uses (else 409). */
    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        calendars.delete(id);
        return ResponseEntity.noContent().build();
    }
}
