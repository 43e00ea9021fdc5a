package io.opsline.servicedesk.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.request.RequestComment;
import io.opsline.servicedesk.internal.request.RequestFilter;
import io.opsline.servicedesk.internal.request.RequestInput;
import io.opsline.servicedesk.internal.request.RequestMove;
import io.opsline.servicedesk.internal.request.RequestType;
import io.opsline.servicedesk.internal.request.RequestTypes;
import io.opsline.servicedesk.internal.request.RequestViews;
import io.opsline.servicedesk.internal.request.ServiceRequests;

/**
 * Requests in the self-service portal: the requester's own requests with what they can request
 * ({@code /portal/requests}, also the section the portal's start page loads), the form generated
 * from a type's fields, and one of their requests with its public timeline. Someone else's request
 * is answered 404, as if it did not exist.
 */
@Controller
class PortalRequestPages {

    private static final String VALUE = "values.";

    private final ServiceRequests requests;
    private final RequestTypes types;
    private final RequestViews views;
    private final SignedInPerson signedIn;

    PortalRequestPages(ServiceRequests requests, RequestTypes types, RequestViews views, SignedInPerson signedIn) {
        this.requests = requests;
        this.types = types;
        this.views = views;
        this.signedIn = signedIn;
    }

    @GetMapping("/portal/requests")
    @RequiresRole(Role.REQUESTER)
    String list(@RequestParam(required = false) Integer page, Principal principal, Model model) {
        var me = signedIn.of(principal);
        model.addAttribute("page", requests.search(RequestFilter.ofRequester(me.id()),
                PageRequest.of(page == null ? 0 : Math.max(0, page), null)));
        model.addAttribute("types", types.active());
        return "servicedesk/portal-requests";
    }

    /** The form for a request of {@code type} (id or name), one input per field of the type. */
    @GetMapping("/portal/requests/new")
    @RequiresRole(Role.REQUESTER)
    String form(@RequestParam(required = false) String type, Model model) {
        if (type == null || type.isBlank()) {
            return "redirect:/portal/requests";
        }
        return form(offered(type), Map.of(), new LinkedHashMap<>(), model);
    }

    @PostMapping("/portal/requests")
    @RequiresRole(Role.REQUESTER)
    String create(@RequestParam MultiValueMap<String, String> params, Principal principal, Model model,
            RedirectAttributes redirect) {
        var type = offered(params.getFirst("type"));
        var values = new LinkedHashMap<String, Object>();
        params.forEach((name, given) -> {
            if (name.startsWith(VALUE) && !given.isEmpty()) {
                values.put(name.substring(VALUE.length()), given.getFirst());
            }
        });
        try {
            var request = requests.submitOwn(new RequestInput(type.id().toString(), null, values),
                    signedIn.of(principal));
            redirect.addFlashAttribute("notice", "Request " + request.reference() + " sent.");
            return "redirect:/portal/requests/" + request.reference();
        } catch (InvalidInputException e) {
            return form(type, values, FormErrors.of(e), model);
        }
    }

    @GetMapping("/portal/requests/{ref}")
    @RequiresRole(Role.REQUESTER)
    String show(@PathVariable String ref, Principal principal, Model model) {
        return page(ref, principal, new LinkedHashMap<>(), model);
    }

    @PostMapping("/portal/requests/{ref}/comments")
    @RequiresRole(Role.REQUESTER)
    String comment(@PathVariable String ref, @RequestParam(required = false) String body, Principal principal,
            Model model, RedirectAttributes redirect) {
        var request = requests.own(ref, signedIn.of(principal));
        try {
            requests.comment(request.id(), new RequestComment(body, false), principal.getName());
        } catch (InvalidInputException e) {
            return page(ref, principal, FormErrors.of(e), model);
        }
        redirect.addFlashAttribute("notice", "Comment added.");
        return "redirect:/portal/requests/" + request.reference();
    }

    @PostMapping("/portal/requests/{ref}/cancel")
    @RequiresRole(Role.REQUESTER)
    String cancel(@PathVariable String ref, @RequestParam(required = false) Long version, Principal principal,
            Model model, RedirectAttributes redirect) {
        var request = requests.own(ref, signedIn.of(principal));
        try {
            requests.cancel(request.id(), new RequestMove(version, null, null), principal.getName());
        } catch (InvalidInputException | ConflictException e) {
            return page(ref, principal, FormErrors.of(e), model);
        }
        redirect.addFlashAttribute("notice", "Request " + request.reference() + " cancelled.");
        return "redirect:/portal/requests/" + request.reference();
    }

    private String page(String ref, Principal principal, Map<String, String> errors, Model model) {
        model.addAttribute("sr", views.forRequester(requests.own(ref, signedIn.of(principal))));
        model.addAttribute("errors", errors);
        return "servicedesk/portal-request";
    }

    /** An active type; an unknown or retired one is not found, as it cannot be requested. */
    private RequestType offered(String reference) {
        var type = types.get(reference);
        if (!type.active()) {
            throw new io.opsline.platform.NotFoundException("Request type", reference);
        }
        return type;
    }

    private String form(RequestType type, Map<String, Object> values, Map<String, String> errors, Model model) {
        model.addAttribute("type", type);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "servicedesk/portal-request-form";
    }
}
