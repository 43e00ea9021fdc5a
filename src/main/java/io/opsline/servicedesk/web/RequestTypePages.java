package io.opsline.servicedesk.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.servicedesk.internal.request.FieldKind;
import io.opsline.servicedesk.internal.request.RequestTypeView;
import io.opsline.servicedesk.internal.request.RequestTypes;

/** The request catalogue for admins: the list of types and the form that creates or changes one. */
@Controller
class RequestTypePages {

    private final RequestTypes types;
    private final People people;
    private final Teams teams;

    RequestTypePages(RequestTypes types, People people, Teams teams) {
        this.types = types;
        this.people = people;
        this.teams = teams;
    }

    @GetMapping("/admin/request-types")
    @RequiresRole(Role.ADMIN)
    String list(Model model) {
        model.addAttribute("types", types.all().stream().map(t -> RequestTypeView.of(t, people, teams)).toList());
        return "servicedesk/request-types";
    }

    @GetMapping("/admin/request-types/new")
    @RequiresRole(Role.ADMIN)
    String form(Model model) {
        return form(null, RequestTypeForm.empty(), new LinkedHashMap<>(), model);
    }

    @PostMapping("/admin/request-types")
    @RequiresRole(Role.ADMIN)
    String create(RequestTypeForm form, Model model, RedirectAttributes redirect) {
        return save(null, form, model, redirect);
    }

    @GetMapping("/admin/request-types/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        return form(id, RequestTypeForm.of(RequestTypeView.of(types.get(id), people, teams)), new LinkedHashMap<>(),
                model);
    }

    /** Saves a change made on the version the form was loaded with; a stale one is shown, not stored. */
    @PostMapping("/admin/request-types/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, RequestTypeForm form, Model model, RedirectAttributes redirect) {
        types.get(id);
        return save(id, form, model, redirect);
    }

    private String save(UUID id, RequestTypeForm form, Model model, RedirectAttributes redirect) {
        var errors = new LinkedHashMap<String, String>();
        var input = form.toInput(errors);
        if (!errors.isEmpty()) {
            // Show the service's objections too, so that one round trip names every problem.
            try {
                types.check(input);
            } catch (InvalidInputException e) {
                FormErrors.of(e).forEach(errors::putIfAbsent);
            }
            return form(id, form, errors, model);
        }
        try {
            var saved = id == null ? types.create(input) : types.update(id, input);
            redirect.addFlashAttribute("notice", "Request type " + saved.name() + " saved.");
            return "redirect:/admin/request-types";
        } catch (InvalidInputException | ConflictException e) {
            return form(id, form, FormErrors.of(e), model);
        }
    }

    private String form(UUID id, RequestTypeForm form, Map<String, String> errors, Model model) {
        var teamOptions = new LinkedHashMap<String, String>();
        teams.all().stream().sorted(java.util.Comparator.comparing(TeamRef::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(t -> teamOptions.put(t.id().toString(), t.name()));
        model.addAttribute("id", id);
        model.addAttribute("title", id == null ? "New request type" : "Edit request type");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("teamOptions", teamOptions);
        model.addAttribute("kindOptions", Choice.options(FieldKind.class));
        return "servicedesk/request-type-form";
    }
}
