package io.opsline.inventory.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.TeamDeleted;

/** When a team is deleted, the CIs it owned keep existing without an owner team, in the same transaction. */
@Component
class TeamDeletedListener {

    private final CiRepository cis;
    private final AuditLog audit;

    TeamDeletedListener(CiRepository cis, AuditLog audit) {
        this.cis = cis;
        this.audit = audit;
    }

    @EventListener
    void on(TeamDeleted event) {
        int cleared = cis.clearOwnerTeam(event.teamId());
        if (cleared > 0) {
            audit.record(new AuditEntry("ci.owner-cleared", "team", event.teamId().toString(),
                    "%d configuration item(s) lost their owner team %s".formatted(cleared, event.name()), null, null));
        }
    }
}
