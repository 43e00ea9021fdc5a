package io.opsline.servicedesk.web;

import java.time.Instant;
import java.util.List;

import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.internal.HoldReason;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.Level;
import io.opsline.servicedesk.internal.ResolutionCode;
import io.opsline.servicedesk.internal.TimelineEntry;

/**
 * A ticket as its caller sees it in the portal: what they reported and where it stands, without the
 * desk's own fields (team, assignee, CIs, priority).
 *
 * @param waitingForYou the desk put it on hold until the caller answers
 */
public record CallerTicket(String reference, String title, String description, IncidentState state,
        HoldReason holdReason, Level urgency, Instant createdAt, Instant updatedAt, Instant resolvedAt,
        ResolutionCode resolutionCode, String resolutionNotes, boolean waitingForYou) {

    static CallerTicket of(Incident incident) {
        return new CallerTicket(incident.reference(), incident.title(), incident.description(), incident.state(),
                incident.holdReason(), incident.urgency(), incident.createdAt(), incident.updatedAt(),
                incident.resolvedAt(), incident.resolutionCode(), incident.resolutionNotes(),
                incident.holdReason() == HoldReason.AWAITING_CALLER && incident.state() == IncidentState.ON_HOLD);
    }

    /** The ticket with the part of its timeline the caller may read. */
    public record WithTimeline(CallerTicket ticket, List<TimelineEntry> timeline) {
    }
}
