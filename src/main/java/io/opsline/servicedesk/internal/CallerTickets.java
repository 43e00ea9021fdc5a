package io.opsline.servicedesk.internal;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.ForbiddenException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.IncidentState;

/**
 * Incidents as their callers see them in the self-service portal: a caller opens tickets, follows
 * them and comments on them, and reaches nobody else's. Someone else's ticket is "not found", worded
 * exactly as one that does not exist, so that its existence is not revealed.
 */
@Service
public class CallerTickets {

    private final Incidents incidents;
    private final People people;

    CallerTickets(Incidents incidents, People people) {
        this.incidents = incidents;
        this.people = people;
    }

    /** The caller's own tickets, open ones first, the most urgent first. */
    public Page<Incident> list(String username, PageRequest page) {
        return incidents.search(IncidentFilter.all().forCaller(caller(username).id()), page);
    }

    /** One of the caller's own tickets, by id or reference. */
    public Incident get(String username, String idOrReference) {
        var caller = caller(username);
        Incident incident;
        try {
            incident = incidents.get(idOrReference);
        } catch (NotFoundException e) {
            throw notFound(idOrReference);
        }
        if (!caller.id().equals(incident.callerId())) {
            throw notFound(idOrReference);
        }
        return incident;
    }

    /** What the caller may read of the ticket's timeline: no work notes, nothing only the desk needs. */
    public List<TimelineEntry> timeline(Incident ticket) {
        return incidents.timeline(ticket.id(), true);
    }

    /**
     * Opens a ticket with the caller as its caller, for the caller's customer; impact is left to the desk
     * (medium until it judges).
     */
    @Transactional
    public Incident open(String username, CallerTicketInput input) {
        var caller = caller(username);
        return incidents.create(new IncidentInput(input.title(), input.description(), caller.id().toString(), null,
                null, input.urgency(), false, null, null, null, null), caller.username(), OpenedThrough.PORTAL, null);
    }

    /**
     * Adds the caller's public comment. A ticket on hold waiting for the caller has its answer now, so
     * it goes back to In progress, and the timeline says why.
     */
    @Transactional
    public TimelineEntry comment(String username, String idOrReference, String body) {
        var ticket = get(username, idOrReference);
        var entry = incidents.comment(ticket.id(), new CommentInput(body, false), username);
        if (ticket.state() == IncidentState.ON_HOLD && ticket.holdReason() == HoldReason.AWAITING_CALLER) {
            incidents.transition(ticket.id(), new TransitionInput(ticket.version(), IncidentState.IN_PROGRESS.key(),
                    null, null, null, null), username);
            incidents.note(ticket.id(), EntryKind.STATE, true,
                    "The caller answered, so " + ticket.reference() + " is back In progress");
        }
        return entry;
    }

    private Person caller(String username) {
        return people.findByUsername(username)
                .orElseThrow(() -> new ForbiddenException("The signed-in user no longer exists"));
    }

    private static NotFoundException notFound(String idOrReference) {
        return new NotFoundException("Incident", idOrReference);
    }
}
