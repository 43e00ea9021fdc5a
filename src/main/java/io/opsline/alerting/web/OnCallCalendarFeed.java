package io.opsline.alerting.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.oncall.CalendarFeed;

/**
 * A schedule's calendar at a secret address, for calendar apps, which cannot send a bearer header:
 * the token in the address is the key. Public on purpose (see the security configuration); an
 * unknown token is a plain 404 that does not say whether such a schedule ever existed.
 */
@RestController
class OnCallCalendarFeed {

    private final CalendarFeed calendar;

    OnCallCalendarFeed(CalendarFeed calendar) {
        this.calendar = calendar;
    }

    @GetMapping("/calendar/oncall/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        return calendar.forToken(token)
                .map(body -> ResponseEntity.ok().contentType(ScheduleApi.CALENDAR)
                        .cacheControl(CacheControl.noStore()).body(body))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
