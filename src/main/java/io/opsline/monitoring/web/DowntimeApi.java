package io.opsline.monitoring.web;

import java.net.URI;
import java.security.Principal;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.monitoring.internal.downtime.DowntimeInput;
import io.opsline.monitoring.internal.downtime.DowntimeView;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Scheduled downtimes over REST: when problems on which CIs or checks are expected. */
@RestController
@RequestMapping("/api/v1/downtimes")
class DowntimeApi {

    private final Downtimes downtimes;

    DowntimeApi(Downtimes downtimes) {
        this.downtimes = downtimes;
    }

    /**
     * Lists downtimes, optionally by status (upcoming, active, ended, cancelled) and those
     * covering one CI ({@code ci}).
     */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<DowntimeView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String ci,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return downtimes.list(status, ci, PageRequest.of(page, size));
    }

    /** Schedules a downtime, one-off (start and end) or weekly (recurrence). */
    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<DowntimeView> create(@RequestBody DowntimeInput input, Principal principal) {
        var created = downtimes.create(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/downtimes/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    DowntimeView get(@PathVariable UUID id) {
        return downtimes.get(id);
    }

    /** Cancels a downtime, ending it now if it holds; it stays listed as cancelled. */
    @DeleteMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Void> cancel(@PathVariable UUID id, Principal principal) {
        downtimes.cancel(id, principal.getName());
        return ResponseEntity.noContent().build();
    }
}
