package io.opsline.servicedesk.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;

/**
 * An incident as stored. {@code startedAt} is when the trouble began (the first linked alert's
 * firing, else the creation): SLA clocks, MTTA and MTTR count from it. {@code serviceIds} are the
 * business services its CIs impact, as the inventory saw them when the CIs were last set.
 * {@code customerId} is the customer it is for (by default its caller's), whose SLA policies win.
 */
public record Incident(UUID id, long number, String title, String description, UUID callerId, String openedBy,
        OpenedThrough openedThrough, String category, Level impact, Level urgency, Priority priority, boolean major,
        IncidentState state, HoldReason holdReason, ResolutionCode resolutionCode, String resolutionNotes,
        UUID teamId, UUID assigneeId, UUID customerId, Instant startedAt, Instant createdAt, Instant updatedAt, Instant respondedAt,
        Instant resolvedAt, Instant closedAt, long version, List<UUID> ciIds, List<UUID> serviceIds) {

    public Incident {
        ciIds = List.copyOf(ciIds);
        serviceIds = List.copyOf(serviceIds);
    }

    /** How people name it: INC-000123. */
    public String reference() {
        return reference(number);
    }

    public static String reference(long number) {
        return TicketNumbers.INCIDENTS.format(number);
    }

    /** The number in a reference such as "INC-000123" or "inc-123"; -1 when the text is not one. */
    public static long parseReference(String text) {
        return TicketNumbers.INCIDENTS.parse(text);
    }

    Builder change() {
        return new Builder(this);
    }

    /** A copy with some fields changed; the version, timestamps and lists carry over unless set. */
    static final class Builder {
        private final Incident from;
        String title;
        String description;
        UUID callerId;
        String category;
        Level impact;
        Level urgency;
        Priority priority;
        boolean major;
        IncidentState state;
        HoldReason holdReason;
        ResolutionCode resolutionCode;
        String resolutionNotes;
        UUID teamId;
        UUID assigneeId;
        UUID customerId;
        Instant startedAt;
        Instant respondedAt;
        Instant resolvedAt;
        Instant closedAt;
        List<UUID> ciIds;
        List<UUID> serviceIds;

        private Builder(Incident from) {
            this.from = from;
            title = from.title;
            description = from.description;
            callerId = from.callerId;
            category = from.category;
            impact = from.impact;
            urgency = from.urgency;
            priority = from.priority;
            major = from.major;
            state = from.state;
            holdReason = from.holdReason;
            resolutionCode = from.resolutionCode;
            resolutionNotes = from.resolutionNotes;
            teamId = from.teamId;
            assigneeId = from.assigneeId;
            customerId = from.customerId;
            startedAt = from.startedAt;
            respondedAt = from.respondedAt;
            resolvedAt = from.resolvedAt;
            closedAt = from.closedAt;
            ciIds = from.ciIds;
            serviceIds = from.serviceIds;
        }

        Incident build(Instant now) {
            return new Incident(from.id, from.number, title, description, callerId, from.openedBy, from.openedThrough,
                    category, impact, urgency, priority, major, state, holdReason, resolutionCode, resolutionNotes,
                    teamId, assigneeId, customerId, startedAt, from.createdAt, now, respondedAt, resolvedAt, closedAt,
                    from.version + 1, ciIds, serviceIds);
        }
    }
}
