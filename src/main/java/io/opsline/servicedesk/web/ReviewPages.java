package io.opsline.servicedesk.web;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.OpslineException;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.IncidentViews;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.review.ActionItemInput;
import io.opsline.servicedesk.internal.review.IncidentReviews;
import io.opsline.servicedesk.internal.review.ReviewViews;

/**
 * Post-incident reviews as people write them: the review page of a major incident (what happened, the
 * timeline excerpt chosen with checkboxes, root cause, factors, lessons, action items with done buttons)
 * and the overview of what is still to do: reviews not yet published, major incidents without one, and
 * open action items, overdue first.
 */
@Controller
class ReviewPages {

    static final String OVERVIEW = "/reviews";

    private final IncidentReviews reviews;
    private final ReviewViews views;
    private final Incidents incidents;
    private final IncidentViews incidentViews;
    private final People people;
    private final SignedInPerson signedIn;

    ReviewPages(IncidentReviews reviews, ReviewViews views, Incidents incidents, IncidentViews incidentViews,
            People people, SignedInPerson signedIn) {
        this.reviews = reviews;
        this.views = views;
        this.incidents = incidents;
        this.incidentViews = incidentViews;
        this.people = people;
        this.signedIn = signedIn;
    }

    @GetMapping(OVERVIEW)
    @RequiresRole(Role.VIEWER)
    String overview(@RequestParam(required = false) String owner, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var page = new PageRequest(0, PageRequest.MAX_SIZE);
        try {
            model.addAttribute("items", views.of(reviews.actionItems(null, owner, page)));
        } catch (InvalidInputException e) {
            errors.putAll(FormErrors.of(e));
            model.addAttribute("items", views.of(reviews.actionItems(null, null, page)));
        }
        model.addAttribute("inProgress", reviews.unpublished().stream().map(views::of).toList());
        model.addAttribute("waiting", reviews.majorIncidentsWithoutReview().stream().map(incidentViews::of).toList());
        model.addAttribute("owner", owner == null ? "" : owner);
        model.addAttribute("errors", errors);
        return "servicedesk/reviews";
    }

    @GetMapping("/incidents/{ref}/review")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable String ref, Principal principal, Model model) {
        return page(ref, null, new ActionItemInput(null, "", "", "", null), Map.of(), principal, model);
    }

    @PostMapping("/incidents/{ref}/review/start")
    @RequiresRole(Role.OPERATOR)
    String start(@PathVariable String ref, Principal principal, Model model, RedirectAttributes redirect) {
        var incident = incidents.get(ref);
        try {
            reviews.start(incident, principal.getName());
            redirect.addFlashAttribute("notice", "Started the review of " + incident.reference() + ".");
            return "redirect:/incidents/" + incident.reference() + "/review";
        } catch (ConflictException e) {
            return page(ref, null, new ActionItemInput(null, "", "", "", null), Map.of("review", e.getMessage()),
                    principal, model);
        }
    }

    @PostMapping("/incidents/{ref}/review")
    @RequiresRole(Role.OPERATOR)
    String save(@PathVariable String ref, ReviewForm form, Principal principal, Model model,
            RedirectAttributes redirect) {
        var incident = incidents.get(ref);
        try {
            var review = reviews.change(incident, form.toInput(), principal.getName());
            redirect.addFlashAttribute("notice", "Saved the review of " + incident.reference() + " ("
                    + review.state().label() + ").");
            return "redirect:/incidents/" + incident.reference() + "/review";
        } catch (InvalidInputException | ConflictException e) {
            // A move sends no text: show the stored review beside the errors, not an empty form.
            return page(ref, form.summary() == null ? null : form, new ActionItemInput(null, "", "", "", null),
                    ReviewForm.shown(FormErrors.of(e)), principal, model);
        }
    }

    @PostMapping("/incidents/{ref}/review/actions")
    @RequiresRole(Role.OPERATOR)
    String addAction(@PathVariable String ref, ActionItemInput input, Principal principal, Model model,
            RedirectAttributes redirect) {
        var incident = incidents.get(ref);
        try {
            var item = reviews.addActionItem(incident, input, principal.getName());
            redirect.addFlashAttribute("notice", "Added the action item " + item.title() + ".");
            return "redirect:/incidents/" + incident.reference() + "/review#actions";
        } catch (InvalidInputException e) {
            return page(ref, null, input, FormErrors.of(e), principal, model);
        }
    }

    /** Marks an action item done or open again; back to the overview or to its review. */
    @PostMapping("/action-items/{id}")
    @RequiresRole(Role.VIEWER)
    String changeAction(@PathVariable String id, @RequestParam(required = false) Long version,
            @RequestParam(required = false) String state, @RequestParam(required = false) String back,
            Principal principal, RedirectAttributes redirect) {
        var itemId = Ids.parseOrNull(id);
        if (itemId == null) {
            throw new NotFoundException("Action item", id);
        }
        var item = reviews.actionItem(itemId);
        var target = OVERVIEW.equals(back) ? OVERVIEW
                : "/incidents/" + incidents.get(item.incidentId()).reference() + "/review#actions";
        try {
            var changed = reviews.changeActionItem(itemId, new ActionItemInput(version, null, null, null, state),
                    signedIn.of(principal), ReviewApi.isOperator(principal));
            redirect.addFlashAttribute("notice", changed.title() + " is " + changed.state().label().toLowerCase()
                    + " now.");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("notice", "Not changed: " + String.join("; ", FormErrors.of(e).values()));
        }
        return "redirect:" + target;
    }

    private String page(String ref, ReviewForm typed, ActionItemInput action, Map<String, String> errors,
            Principal principal, Model model) {
        var incident = incidents.get(ref);
        var review = reviews.stateOf(incident.id()) == null ? null : views.of(reviews.get(incident));
        model.addAttribute("incident", incidentViews.of(incident));
        model.addAttribute("review", review);
        model.addAttribute("form", typed != null ? typed : review == null ? null : ReviewForm.of(review));
        model.addAttribute("timeline", incidents.timeline(incident.id(), false));
        model.addAttribute("action", action);
        var owners = new LinkedHashMap<String, String>();
        if (ReviewApi.isOperator(principal)) {
            people.enabled().forEach(p -> owners.put(p.username(), p.name()));
        }
        model.addAttribute("owners", owners);
        model.addAttribute("today", LocalDate.now(ZoneId.systemDefault()));
        model.addAttribute("errors", errors);
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "servicedesk/review";
    }
}
