package io.opsline.servicedesk.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.Teams;
import io.opsline.platform.ForbiddenException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.CommentInput;
import io.opsline.servicedesk.internal.IncidentChange;
import io.opsline.servicedesk.internal.IncidentInput;
import io.opsline.servicedesk.internal.IncidentView;
import io.opsline.servicedesk.internal.IncidentViews;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.OpenedThrough;
import io.opsline.servicedesk.internal.TimelineEntry;
import io.opsline.servicedesk.internal.TransitionInput;
import io.opsline.servicedesk.internal.customer.Customers;

/**
 * Incidents over REST. Everyone on the desk reads them; operators open, change, move and comment.
 * An incident is addressed by id or by reference (INC-000123). Every change carries the
 * {@code version} it was made on: a stale one is answered 409 and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentApi {

    private final Incidents incidents;
    private final IncidentViews views;
    private final Teams teams;
    private final People people;
    private final Customers customers;

    IncidentApi(Incidents incidents, IncidentViews views, Teams teams, People people, Customers customers) {
        this.incidents = incidents;
        this.views = views;
        this.teams = teams;
        this.people = people;
        this.customers = customers;
    }

    /** Incidents matching the filters (see {@link IncidentQuery}), most urgent first unless {@code sort} says otherwise. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<IncidentView> list(@ModelAttribute IncidentQuery query, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, Principal principal) {
        var filter = query.toFilter(teams, people, customers, principal.getName());
        return views.of(incidents.search(filter, PageRequest.of(page, size)));
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<IncidentView> create(@RequestBody IncidentInput input, Principal principal) {
        var incident = incidents.create(input, principal.getName(), OpenedThrough.API, null);
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.reference()))
                .body(views.of(incident));
    }

    @GetMapping("/{ref}")
    @RequiresRole(Role.VIEWER)
    IncidentView get(@PathVariable String ref) {
        return views.of(incidents.get(ref));
    }

    /** Changes fields; those left out stay as they are. */
    @PatchMapping("/{ref}")
    @RequiresRole(Role.OPERATOR)
    IncidentView change(@PathVariable String ref, @RequestBody IncidentChange change, Principal principal) {
        return views.of(incidents.change(incidents.get(ref).id(), change, principal.getName()));
    }

    /** Moves the incident to {@code state}; a move its lifecycle does not allow is a 409 naming the allowed ones. */
    @PostMapping("/{ref}/transition")
    @RequiresRole(Role.OPERATOR)
    IncidentView transition(@PathVariable String ref, @RequestBody TransitionInput input, Principal principal) {
        return views.of(incidents.transition(incidents.get(ref).id(), input, principal.getName()));
    }

    /** Takes the incident on: In progress, and assigned to the caller when nobody has it. */
    @PostMapping("/{ref}/acknowledge")
    @RequiresRole(Role.OPERATOR)
    IncidentView acknowledge(@PathVariable String ref, @RequestBody Map<String, Long> body, Principal principal) {
        var me = people.findByUsername(principal.getName())
                .orElseThrow(() -> new ForbiddenException("The signed-in user no longer exists"));
        return views.of(incidents.acknowledge(incidents.get(ref).id(), body.get("version"), me));
    }

    /** Everything that happened to the incident, oldest first, work notes included. */
    @GetMapping("/{ref}/timeline")
    @RequiresRole(Role.VIEWER)
    List<TimelineEntry> timeline(@PathVariable String ref) {
        return incidents.timeline(incidents.get(ref).id(), false);
    }

    /** Adds a comment ({@code "workNote": true} for an internal note). */
    @PostMapping("/{ref}/comments")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<TimelineEntry> comment(@PathVariable String ref, @RequestBody CommentInput input,
            Principal principal) {
        var incident = incidents.get(ref);
        return ResponseEntity.status(201).body(incidents.comment(incident.id(), input, principal.getName()));
    }
}
