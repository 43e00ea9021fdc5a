package io.opsline.servicedesk.internal.fromalerts;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.opsline.alerting.AlertGroupsChanged;
import io.opsline.alerting.GroupNotified;

/**
 * Alerting's events, as they concern incidents. Each event is stored with the transaction that
 * published it and handed here until its listener completes, so a crash loses nothing; a listener
 * may therefore see an event twice, and each is harmless then.
 */
@Component
class AlertEvents {

    private final IncidentsFromAlerts opener;
    private final LinkedAlerts linked;
    private final AlertLinkRepository links;

    AlertEvents(IncidentsFromAlerts opener, LinkedAlerts linked, AlertLinkRepository links) {
        this.opener = opener;
        this.linked = linked;
        this.links = links;
    }

    /**
     * What one transaction of alerting did to groups: new groups may open incidents, and incidents
     * that follow a changed group take its alerts as they are now.
     */
    @ApplicationModuleListener
    void on(AlertGroupsChanged changed) {
        opener.openAll(changed.opened());
        links.incidentsOf(changed.changed()).forEach(linked::sync);
    }

    @ApplicationModuleListener
    void on(GroupNotified notified) {
        linked.notified(notified);
    }
}
