package io.opsline.servicedesk.web;

import java.net.URI;
import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.CallerTicketInput;
import io.opsline.servicedesk.internal.CallerTickets;
import io.opsline.servicedesk.internal.TimelineEntry;

/**
 * The self-service portal over REST: the signed-in caller's own tickets, always scoped to them.
 * Someone else's ticket answers 404, exactly as one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/portal/tickets")
class PortalApi {

    private final CallerTickets tickets;

    PortalApi(CallerTickets tickets) {
        this.tickets = tickets;
    }

    /** The caller's tickets, open ones first. */
    @GetMapping
    @RequiresRole(Role.REQUESTER)
    Page<CallerTicket> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            Principal principal) {
        return tickets.list(principal.getName(), PageRequest.of(page, size)).map(CallerTicket::of);
    }

    /** Opens a ticket with the caller as its caller: {@code title}, {@code description}, {@code urgency}. */
    @PostMapping
    @RequiresRole(Role.REQUESTER)
    ResponseEntity<CallerTicket> open(@RequestBody CallerTicketInput input, Principal principal) {
        var ticket = tickets.open(principal.getName(), input);
        return ResponseEntity.created(URI.create("/api/v1/portal/tickets/" + ticket.reference()))
                .body(CallerTicket.of(ticket));
    }

    /** One of the caller's tickets with its comments and state changes; never the desk's work notes. */
    @GetMapping("/{ref}")
    @RequiresRole(Role.REQUESTER)
    CallerTicket.WithTimeline get(@PathVariable String ref, Principal principal) {
        var ticket = tickets.get(principal.getName(), ref);
        return new CallerTicket.WithTimeline(CallerTicket.of(ticket), tickets.timeline(ticket));
    }

    /** Adds the caller's comment; a ticket on hold awaiting the caller goes back to In progress. */
    @PostMapping("/{ref}/comments")
    @RequiresRole(Role.REQUESTER)
    ResponseEntity<TimelineEntry> comment(@PathVariable String ref, @RequestBody Comment comment,
            Principal principal) {
        return ResponseEntity.status(201).body(tickets.comment(principal.getName(), ref, comment.body()));
    }

    /** A caller's comment: always public, so there is no work-note flag to get wrong. */
    record Comment(String body) {
    }
}
