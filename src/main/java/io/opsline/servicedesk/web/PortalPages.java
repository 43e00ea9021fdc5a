package io.opsline.servicedesk.web;

import java.security.Principal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.CallerTicketInput;
import io.opsline.servicedesk.internal.CallerTickets;
import io.opsline.servicedesk.internal.Level;

/**
 * The self-service portal: a requester's own tickets, the form that opens one, and one ticket with
 * what the desk told them and a box to answer. Nobody else's ticket is reachable from here.
 */
@Controller
class PortalPages {

    private final CallerTickets tickets;

    PortalPages(CallerTickets tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/portal")
    @RequiresRole(Role.REQUESTER)
    String list(@RequestParam(required = false) Integer page, Principal principal, Model model) {
        var request = PageRequest.of(page, null);
        var found = tickets.list(principal.getName(), request);
        if (found.items().isEmpty() && found.total() > 0) {
            found = tickets.list(principal.getName(), new PageRequest(found.totalPages() - 1, request.size()));
        }
        model.addAttribute("page", found.map(CallerTicket::of));
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "servicedesk/portal";
    }

    @GetMapping("/portal/new")
    @RequiresRole(Role.REQUESTER)
    String newForm(Model model) {
        return form(new CallerTicketInput(null, null, Level.MEDIUM.key()), Map.of(), model);
    }

    @PostMapping("/portal/tickets")
    @RequiresRole(Role.REQUESTER)
    String open(CallerTicketInput input, Principal principal, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            var ticket = tickets.open(principal.getName(), input);
            redirect.addFlashAttribute("notice", "Thank you: your ticket is " + ticket.reference()
                    + ". The service desk will answer here.");
            return "redirect:/portal/tickets/" + ticket.reference();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(input, FormErrors.of(e), model);
        }
    }

    @GetMapping("/portal/tickets/{ref}")
    @RequiresRole(Role.REQUESTER)
    String ticket(@PathVariable String ref, Principal principal, Model model) {
        return ticket(ref, null, Map.of(), principal, model);
    }

    @PostMapping("/portal/tickets/{ref}/comments")
    @RequiresRole(Role.REQUESTER)
    String comment(@PathVariable String ref, @RequestParam(required = false) String body, Principal principal,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            var reference = tickets.get(principal.getName(), ref).reference();
            tickets.comment(principal.getName(), reference, body);
            redirect.addFlashAttribute("notice", "Your comment was added; the service desk sees it.");
            return "redirect:/portal/tickets/" + reference + "#timeline";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return ticket(ref, body, FormErrors.of(e), principal, model);
        }
    }

    private String ticket(String ref, String body, Map<String, String> errors, Principal principal, Model model) {
        var ticket = tickets.get(principal.getName(), ref);
        model.addAttribute("ticket", CallerTicket.of(ticket));
        model.addAttribute("timeline", tickets.timeline(ticket).stream().map(TimelineLine::of).toList());
        model.addAttribute("body", body);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "servicedesk/portal-ticket";
    }

    private static String form(CallerTicketInput input, Map<String, String> errors, Model model) {
        var urgencies = new LinkedHashMap<String, String>();
        urgencies.put(Level.HIGH.key(), "High: I cannot work");
        urgencies.put(Level.MEDIUM.key(), "Medium: I can work, but slowly or around it");
        urgencies.put(Level.LOW.key(), "Low: it can wait");
        model.addAttribute("form", input);
        model.addAttribute("urgencyOptions", urgencies);
        model.addAttribute("errors", errors);
        return "servicedesk/portal-form";
    }
}
