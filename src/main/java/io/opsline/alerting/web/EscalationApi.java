package io.opsline.alerting.web;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.escalate.Escalation;
import io.opsline.alerting.internal.escalate.Escalations;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/** Where an alert group's paging stands: which policy, which level, when the next, why it stopped. */
@RestController
@RequiresRole(Role.VIEWER)
class EscalationApi {

    private final Escalations escalations;

    EscalationApi(Escalations escalations) {
        this.escalations = escalations;
    }

    @GetMapping("/api/v1/alert-groups/{id}/escalation")
    Escalation ofGroup(@PathVariable UUID id) {
        return escalations.ofGroup(id);
    }
}
