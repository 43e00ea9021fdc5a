package io.opsline.servicedesk.web;

import java.net.URI;
import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Ids;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.review.ActionItemInput;
import io.opsline.servicedesk.internal.review.ActionItemView;
import io.opsline.servicedesk.internal.review.IncidentReviews;
import io.opsline.servicedesk.internal.review.ReviewInput;
import io.opsline.servicedesk.internal.review.ReviewView;
import io.opsline.servicedesk.internal.review.ReviewViews;

/**
 * Post-incident reviews over REST: one per major incident, at {@code /api/v1/incidents/{ref}/review},
 * and their action items across reviews at {@code /api/v1/action-items}. Everyone on the desk reads
 * them; operators start and write reviews; an action item's owner marks it done. Changes carry the
 * {@code version} they were made on: a stale one is answered 409 and changes nothing.
 */
@RestController
class ReviewApi {

    private final IncidentReviews reviews;
    private final ReviewViews views;
    private final Incidents incidents;
    private final SignedInPerson signedIn;

    ReviewApi(IncidentReviews reviews, ReviewViews views, Incidents incidents, SignedInPerson signedIn) {
        this.reviews = reviews;
        this.views = views;
        this.incidents = incidents;
        this.signedIn = signedIn;
    }

    @GetMapping("/api/v1/incidents/{ref}/review")
    @RequiresRole(Role.VIEWER)
    ReviewView get(@PathVariable String ref) {
        return views.of(reviews.get(incidents.get(ref)));
    }

    /** Starts the review; 409 for an incident that is not major or has one already. */
    @PostMapping("/api/v1/incidents/{ref}/review")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<ReviewView> start(@PathVariable String ref, Principal principal) {
        var incident = incidents.get(ref);
        var review = reviews.start(incident, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.reference() + "/review"))
                .body(views.of(review));
    }

    /** Changes the review; fields left out stay as they are, {@code state} moves it on. */
    @PutMapping("/api/v1/incidents/{ref}/review")
    @RequiresRole(Role.OPERATOR)
    ReviewView change(@PathVariable String ref, @RequestBody ReviewInput input, Principal principal) {
        return views.of(reviews.change(incidents.get(ref), input, principal.getName()));
    }

    @PostMapping("/api/v1/incidents/{ref}/review/actions")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<ActionItemView> addAction(@PathVariable String ref, @RequestBody ActionItemInput input,
            Principal principal) {
        var item = reviews.addActionItem(incidents.get(ref), input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/action-items/" + item.id())).body(views.of(item));
    }

    /** Action items across reviews: {@code state} open (default), done or all; {@code owner} a username or id. */
    @GetMapping("/api/v1/action-items")
    @RequiresRole(Role.VIEWER)
    Page<ActionItemView> actionItems(@RequestParam(required = false) String state,
            @RequestParam(required = false) String owner, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return views.of(reviews.actionItems(state, owner, PageRequest.of(page, size)));
    }

    /** Changes an action item: operators anything, its owner only whether it is done. */
    @PatchMapping("/api/v1/action-items/{id}")
    @RequiresRole(Role.VIEWER)
    ActionItemView changeAction(@PathVariable String id, @RequestBody ActionItemInput input, Principal principal) {
        var itemId = Ids.parseOrNull(id);
        if (itemId == null) {
            throw new NotFoundException("Action item", id);
        }
        return views.of(reviews.changeActionItem(itemId, input, signedIn.of(principal), isOperator(principal)));
    }

    static boolean isOperator(Principal principal) {
        return principal instanceof Authentication auth && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.OPERATOR.authority())
                        || a.getAuthority().equals(Role.ADMIN.authority()));
    }
}
