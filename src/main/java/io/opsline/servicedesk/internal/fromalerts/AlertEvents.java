package io.opsline.servicedesk.internal.fromalerts;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertGroupOpened;
import io.opsline.alerting.AlertGroupResolved;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.GroupNotified;
import io.opsline.alerting.GroupedAlerts;

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
    private final GroupedAlerts alerting;

    AlertEvents(IncidentsFromAlerts opener, LinkedAlerts linked, AlertLinkRepository links, GroupedAlerts alerting) {
        this.opener = opener;
        this.linked = linked;
        this.links = links;
        this.alerting = alerting;
    }

    @ApplicationModuleListener
    void on(AlertGroupOpened opened) {
        opener.open(opened);
    }

    /** An alert fired: when its group is followed by an incident, the alert joins it. */
    @ApplicationModuleListener
    void on(AlertFired fired) {
        alerting.groupOf(fired.alertId()).flatMap(links::incidentOf).ifPresent(linked::sync);
    }

    @ApplicationModuleListener
    void on(AlertResolved resolved) {
        alerting.groupOf(resolved.alertId()).flatMap(links::incidentOf).ifPresent(linked::sync);
    }

    @ApplicationModuleListener
    void on(AlertGroupResolved resolved) {
        links.incidentOf(resolved.groupId()).ifPresent(linked::sync);
    }

    @ApplicationModuleListener
    void on(GroupNotified notified) {
        linked.notified(notified);
    }
}
