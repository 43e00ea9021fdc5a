package io.opsline.servicedesk.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.request.DecisionInput;
import io.opsline.servicedesk.internal.request.RequestComment;
import io.opsline.servicedesk.internal.request.RequestMove;
import io.opsline.servicedesk.internal.request.RequestState;
import io.opsline.servicedesk.internal.request.RequestTypes;
import io.opsline.servicedesk.internal.request.RequestViews;
import io.opsline.servicedesk.internal.request.ServiceRequests;
import io.opsline.servicedesk.internal.request.TaskChange;

/**
 * Service requests for the desk: the queue (awaiting approval first, then the open ones) and a
 * request's page, where its approver approves or rejects it, operators work its tasks and move it,
 * and everyone on the desk follows its timeline. A refused action shows the page again with the reason.
 */
@Controller
class RequestPages {

    private final ServiceRequests requests;
    private final RequestViews views;
    private final RequestTypes types;
    private final People people;
    private final SignedInPerson signedIn;

    RequestPages(ServiceRequests requests, RequestViews views, RequestTypes types, People people,
            SignedInPerson signedIn) {
        this.requests = requests;
        this.views = views;
        this.types = types;
        this.people = people;
        this.signedIn = signedIn;
    }

    @GetMapping("/requests")
    @RequiresRole(Role.VIEWER)
    String list(@ModelAttribute RequestQuery query, @RequestParam(required = false) Integer page, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var filter = RequestQuery.empty().toFilter(types, people);
        try {
            filter = query.toFilter(types, people);
        } catch (InvalidInputException e) {
            errors.putAll(FormErrors.of(e));
        }
        var shown = views.of(requests.search(filter, PageRequest.of(page == null ? 0 : Math.max(0, page), null)));
        model.addAttribute("page", shown);
        model.addAttribute("query", query);
        model.addAttribute("errors", errors);
        model.addAttribute("stateOptions", RequestQuery.stateOptions());
        model.addAttribute("base", "/requests?" + query.queryString());
        return "servicedesk/requests";
    }

    @GetMapping("/requests/{ref}")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable String ref, Principal principal, Model model) {
        return page(ref, principal, new LinkedHashMap<>(), model);
    }

    @PostMapping("/requests/{ref}/decision")
    @RequiresRole(Role.VIEWER)
    String decide(@PathVariable String ref, @RequestParam(required = false) Long version,
            @RequestParam(required = false) String decision, @RequestParam(required = false) String comment,
            Principal principal, Model model, RedirectAttributes redirect) {
        var request = requests.get(ref);
        return act(ref, principal, model, redirect, () -> {
            var after = requests.decide(request.id(), new DecisionInput(version, decision, comment),
                    signedIn.of(principal));
            return after.reference() + (after.state() == RequestState.REJECTED ? " rejected." : " approved.");
        });
    }

    @PostMapping("/requests/{ref}/tasks/{taskId}")
    @RequiresRole(Role.OPERATOR)
    String changeTask(@PathVariable String ref, @PathVariable UUID taskId, @RequestParam(required = false) Long version,
            @RequestParam(required = false) String assignee, @RequestParam(required = false) String state,
            Principal principal, Model model, RedirectAttributes redirect) {
        var request = requests.get(ref);
        return act(ref, principal, model, redirect, () -> {
            var task = requests.changeTask(request.id(), taskId, new TaskChange(version, assignee, state),
                    principal.getName());
            return "Task '" + task.title() + "' saved.";
        });
    }

    @PostMapping("/requests/{ref}/transition")
    @RequiresRole(Role.OPERATOR)
    String transition(@PathVariable String ref, @RequestParam(required = false) Long version,
            @RequestParam(required = false) String state, Principal principal, Model model,
            RedirectAttributes redirect) {
        var request = requests.get(ref);
        return act(ref, principal, model, redirect, () -> {
            var after = requests.transition(request.id(), new RequestMove(version, state, null), principal.getName());
            return after.reference() + " is " + after.state().label().toLowerCase() + ".";
        });
    }

    @PostMapping("/requests/{ref}/comments")
    @RequiresRole(Role.OPERATOR)
    String comment(@PathVariable String ref, @RequestParam(required = false) String body,
            @RequestParam(required = false) String internal, Principal principal, Model model,
            RedirectAttributes redirect) {
        var request = requests.get(ref);
        return act(ref, principal, model, redirect, () -> {
            requests.comment(request.id(), new RequestComment(body, "true".equals(internal)), principal.getName());
            return "true".equals(internal) ? "Internal note added." : "Comment added.";
        });
    }

    /** Runs an action and returns to the request; refused input shows the page again with the reasons. */
    private String act(String ref, Principal principal, Model model, RedirectAttributes redirect,
            java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
            return "redirect:/requests/" + requests.get(ref).reference();
        } catch (InvalidInputException | ConflictException e) {
            return page(ref, principal, FormErrors.of(e), model);
        }
    }

    private String page(String ref, Principal principal, Map<String, String> errors, Model model) {
        var request = requests.get(ref);
        var me = signedIn.of(principal);
        var operator = principal instanceof Authentication auth && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.OPERATOR.authority())
                        || a.getAuthority().equals(Role.ADMIN.authority()));
        model.addAttribute("sr", views.of(request));
        model.addAttribute("timeline", requests.timeline(request.id(), false));
        model.addAttribute("mayDecide", request.state() == RequestState.AWAITING_APPROVAL
                && requests.mayDecide(request, me.id()));
        model.addAttribute("operator", operator);
        model.addAttribute("errors", errors);
        model.addAttribute("people", operator ? people.enabled() : List.of());
        return "servicedesk/request";
    }
}
