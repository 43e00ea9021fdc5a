package io.opsline.servicedesk.web;

import java.security.Principal;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.fromalerts.IncidentAlerts;
import io.opsline.servicedesk.internal.fromalerts.LinkedAlerts;

/** The alert groups and alerts an incident follows (by id or reference), and linking one more by hand. */
@RestController
@RequestMapping("/api/v1/incidents/{ref}/alerts")
class IncidentAlertApi {

    private final Incidents incidents;
    private final LinkedAlerts alerts;

    IncidentAlertApi(Incidents incidents, LinkedAlerts alerts) {
        this.incidents = incidents;
        this.alerts = alerts;
    }

    /** The linked groups and their alerts with status and times, and whether all of them are resolved. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    IncidentAlerts list(@PathVariable String ref) {
        return alerts.forIncident(incidents.get(ref).id());
    }

    /** Links an alert group ({@code "groupId"}); a group already following another incident is a 409. */
    @PostMapping
    @RequiresRole(Role.OPERATOR)
    IncidentAlerts link(@PathVariable String ref, @RequestBody Map<String, String> body, Principal principal) {
        return alerts.link(incidents.get(ref).id(), body.get("groupId"), principal.getName());
    }
}
