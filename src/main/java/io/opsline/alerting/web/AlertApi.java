package io.opsline.alerting.web;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertChange;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Alerts over REST: problems first, each with its timeline; acknowledged and resolved by people. */
@RestController
class AlertApi {

    private final Alerts alerts;

    AlertApi(Alerts alerts) {
        this.alerts = alerts;
    }

    /**
     * Alerts, open before resolved, worst first, most recently seen first; filtered by
     * {@code status} and {@code severity} (repeatable), {@code source}, {@code ci}, {@code unmapped=true} (no CI
     * matched) and {@code q} (words in the summary).
     */
    @GetMapping("/api/v1/alerts")
    @RequiresRole(Role.VIEWER)
    Page<Alert> list(@RequestParam(required = false) Set<AlertStatus> status,
            @RequestParam(required = false) Set<Severity> severity, @RequestParam(required = false) String source,
            @RequestParam(required = false) UUID ci,
            @RequestParam(defaultValue = "false") boolean unmapped, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return alerts.list(new AlertFilter(status, severity, source, ci, unmapped, q), PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/alerts/{id}")
    @RequiresRole(Role.VIEWER)
    Alert get(@PathVariable UUID id) {
        return alerts.get(id);
    }

    /** What happened to the alert, oldest first. */
    @GetMapping("/api/v1/alerts/{id}/timeline")
    @RequiresRole(Role.VIEWER)
    List<AlertChange> timeline(@PathVariable UUID id) {
        return alerts.timeline(id);
    }

    /** Takes the alert on; already acknowledged changes nothing, resolved is a conflict (409). */
    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    @RequiresRole(Role.OPERATOR)
    Alert acknowledge(@PathVariable UUID id, Principal principal) {
        return alerts.acknowledge(id, principal.getName());
    }

    @PostMapping("/api/v1/alerts/{id}/resolve")
    @RequiresRole(Role.OPERATOR)
    Alert resolve(@PathVariable UUID id, Principal principal) {
        return alerts.resolve(id, principal.getName());
    }
}
