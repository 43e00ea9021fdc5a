package io.opsline.servicedesk.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.sla.SlaClockView;
import io.opsline.servicedesk.internal.sla.SlaClocks;

/** An incident's SLA clocks over REST, read now. */
@RestController
class IncidentSlaApi {

    private final Incidents incidents;
    private final SlaClocks clocks;

    IncidentSlaApi(Incidents incidents, SlaClocks clocks) {
        this.incidents = incidents;
        this.clocks = clocks;
    }

    /** The response clock, then the resolution clock; empty when no policy covered the incident. */
    @GetMapping("/api/v1/incidents/{ref}/sla")
    @RequiresRole(Role.VIEWER)
    List<SlaClockView> clocks(@PathVariable String ref) {
        return clocks.forIncident(incidents.get(ref).id());
    }
}
