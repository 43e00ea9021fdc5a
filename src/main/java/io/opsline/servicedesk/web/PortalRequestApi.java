package io.opsline.servicedesk.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.UUID;

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
import io.opsline.servicedesk.internal.request.PortalRequestView;
import io.opsline.servicedesk.internal.request.RequestComment;
import io.opsline.servicedesk.internal.request.RequestEntry;
import io.opsline.servicedesk.internal.request.RequestFilter;
import io.opsline.servicedesk.internal.request.RequestInput;
import io.opsline.servicedesk.internal.request.RequestMove;
import io.opsline.servicedesk.internal.request.RequestState;
import io.opsline.servicedesk.internal.request.RequestViews;
import io.opsline.servicedesk.internal.request.ServiceRequests;

/**
 * The self-service side of requests: a requester opens requests, follows and comments on their own,
 * and cancels them before fulfilment. Everything is scoped to the caller: someone else's request
 * answers 404, as if it did not exist, and internal notes never show.
 */
@RestController
@RequestMapping("/api/v1/portal/requests")
class PortalRequestApi {

    private final ServiceRequests requests;
    private final RequestViews views;
    private final SignedInPerson signedIn;

    PortalRequestApi(ServiceRequests requests, RequestViews views, SignedInPerson signedIn) {
        this.requests = requests;
        this.views = views;
        this.signedIn = signedIn;
    }

    /** One of the caller's requests in a list. */
    record Summary(UUID id, String reference, String type, RequestState state, Instant createdAt, Instant updatedAt) {
    }

    /** The caller's own requests, those still open first. */
    @GetMapping
    @RequiresRole(Role.REQUESTER)
    Page<Summary> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            Principal principal) {
        return requests.search(RequestFilter.ofRequester(signedIn.of(principal).id()), PageRequest.of(page, size))
                .map(r -> new Summary(r.id(), r.reference(), r.typeName(), r.state(), r.createdAt(), r.updatedAt()));
    }

    /** Opens a request of {@code type} for the caller; {@code values} answer the type's fields by key. */
    @PostMapping
    @RequiresRole(Role.REQUESTER)
    ResponseEntity<PortalRequestView> create(@RequestBody RequestInput input, Principal principal) {
        var request = requests.submitOwn(input, signedIn.of(principal));
        return ResponseEntity.created(URI.create("/api/v1/portal/requests/" + request.reference()))
                .body(views.forRequester(request));
    }

    /** One of the caller's requests with its public timeline. */
    @GetMapping("/{ref}")
    @RequiresRole(Role.REQUESTER)
    PortalRequestView get(@PathVariable String ref, Principal principal) {
        return views.forRequester(requests.own(ref, signedIn.of(principal)));
    }

    /** A comment on the caller's request; it is always public. */
    @PostMapping("/{ref}/comments")
    @RequiresRole(Role.REQUESTER)
    ResponseEntity<RequestEntry> comment(@PathVariable String ref, @RequestBody RequestComment input,
            Principal principal) {
        var request = requests.own(ref, signedIn.of(principal));
        return ResponseEntity.status(201).body(requests.comment(request.id(), new RequestComment(input.body(), false),
                principal.getName()));
    }

    /** Withdraws the caller's request ({@code version}, optional {@code comment}); only before fulfilment has begun. */
    @PostMapping("/{ref}/cancel")
    @RequiresRole(Role.REQUESTER)
    PortalRequestView cancel(@PathVariable String ref, @RequestBody RequestMove move, Principal principal) {
        var request = requests.own(ref, signedIn.of(principal));
        return views.forRequester(requests.cancel(request.id(), move, principal.getName()));
    }
}
