package io.opsline.servicedesk.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

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
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.request.DecisionInput;
import io.opsline.servicedesk.internal.request.RequestComment;
import io.opsline.servicedesk.internal.request.RequestEntry;
import io.opsline.servicedesk.internal.request.RequestInput;
import io.opsline.servicedesk.internal.request.RequestMove;
import io.opsline.servicedesk.internal.request.RequestTypes;
import io.opsline.servicedesk.internal.request.RequestView;
import io.opsline.servicedesk.internal.request.RequestViews;
import io.opsline.servicedesk.internal.request.ServiceRequests;
import io.opsline.servicedesk.internal.request.TaskChange;

/**
 * Service requests for the desk over REST: viewers read them, operators open them on someone's
 * behalf, work their tasks and move them; the named approver (or a member of the approving team)
 * approves or rejects. Addressed by id or reference (REQ-000123); changes carry a {@code version}.
 */
@RestController
@RequestMapping("/api/v1/requests")
class RequestApi {

    private final ServiceRequests requests;
    private final RequestViews views;
    private final RequestTypes types;
    private final People people;
    private final SignedInPerson signedIn;

    RequestApi(ServiceRequests requests, RequestViews views, RequestTypes types, People people,
            SignedInPerson signedIn) {
        this.requests = requests;
        this.views = views;
        this.types = types;
        this.people = people;
        this.signedIn = signedIn;
    }

    /** Requests matching the filters (see {@link RequestQuery}), awaiting approval first, then the open ones. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<RequestView> list(@ModelAttribute RequestQuery query, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return views.of(requests.search(query.toFilter(types, people), PageRequest.of(page, size)));
    }

    /** Opens a request for {@code requester} (id or username), or for the caller when it names nobody. */
    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<RequestView> create(@RequestBody RequestInput input, Principal principal) {
        var request = requests.submit(input, signedIn.of(principal));
        return ResponseEntity.created(URI.create("/api/v1/requests/" + request.reference())).body(views.of(request));
    }

    @GetMapping("/{ref}")
    @RequiresRole(Role.VIEWER)
    RequestView get(@PathVariable String ref) {
        return views.of(requests.get(ref));
    }

    /** Everything that happened to the request, oldest first, internal notes included. */
    @GetMapping("/{ref}/timeline")
    @RequiresRole(Role.VIEWER)
    List<RequestEntry> timeline(@PathVariable String ref) {
        return requests.timeline(requests.get(ref).id(), false);
    }

    /** Adds a comment ({@code "internal": true} for a note the requester does not see). */
    @PostMapping("/{ref}/comments")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<RequestEntry> comment(@PathVariable String ref, @RequestBody RequestComment input,
            Principal principal) {
        return ResponseEntity.status(201).body(requests.comment(requests.get(ref).id(), input, principal.getName()));
    }

    /**
     * Approves or rejects ({@code decision}, with a {@code comment} saying why when rejecting). Open to
     * everyone on the desk by role; the service lets only the request's approver through (403 otherwise).
     */
    @PostMapping("/{ref}/decision")
    @RequiresRole(Role.VIEWER)
    RequestView decide(@PathVariable String ref, @RequestBody DecisionInput input, Principal principal) {
        return views.of(requests.decide(requests.get(ref).id(), input, signedIn.of(principal)));
    }

    /** Moves the request by hand: {@code fulfilled} (once no task is open) or {@code closed}. */
    @PostMapping("/{ref}/transition")
    @RequiresRole(Role.OPERATOR)
    RequestView transition(@PathVariable String ref, @RequestBody RequestMove move, Principal principal) {
        return views.of(requests.transition(requests.get(ref).id(), move, principal.getName()));
    }

    /** Assigns a task or marks it done; the last task done fulfils the request. */
    @PatchMapping("/{ref}/tasks/{taskId}")
    @RequiresRole(Role.OPERATOR)
    RequestView changeTask(@PathVariable String ref, @PathVariable UUID taskId, @RequestBody TaskChange change,
            Principal principal) {
        var request = requests.get(ref);
        requests.changeTask(request.id(), taskId, change, principal.getName());
        return views.of(requests.get(request.id()));
    }
}
