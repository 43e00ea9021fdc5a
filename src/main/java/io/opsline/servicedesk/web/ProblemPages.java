package io.opsline.servicedesk.web;

import java.security.Principal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.OpslineException;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.problem.ProblemState;
import io.opsline.servicedesk.internal.problem.ProblemTransition;
import io.opsline.servicedesk.internal.problem.ProblemViews;
import io.opsline.servicedesk.internal.problem.Problems;

/**
 * Problems as people work them: the list (open ones first), the detail page with the linked incidents,
 * the moves through the investigation and the known error's workaround, and the form that opens or
 * changes one.
 */
@Controller
class ProblemPages {

    private final Problems problems;
    private final ProblemViews views;

    ProblemPages(Problems problems, ProblemViews views) {
        this.problems = problems;
        this.views = views;
    }

    @GetMapping("/problems")
    @RequiresRole(Role.VIEWER)
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String state,
            @RequestParam(required = false) String page, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var number = PageNumbers.parse(page, errors);
        try {
            var filter = ProblemApi.filter(state == null ? List.of() : List.of(state), null, q);
            model.addAttribute("page", views.of(problems.search(filter, new PageRequest(number,
                    PageRequest.DEFAULT_SIZE))));
        } catch (InvalidInputException e) {
            errors.putAll(FormErrors.of(e));
            model.addAttribute("page", views.of(problems.search(ProblemApi.filter(null, null, null),
                    new PageRequest(0, PageRequest.DEFAULT_SIZE))));
        }
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("state", state == null ? "" : state);
        model.addAttribute("stateOptions", stateOptions());
        model.addAttribute("errors", errors);
        return "servicedesk/problems";
    }

    @GetMapping("/problems/new")
    @RequiresRole(Role.OPERATOR)
    String newForm(Model model) {
        return form(ProblemForm.empty(), null, Map.of(), model);
    }

    @PostMapping("/problems")
    @RequiresRole(Role.OPERATOR)
    String create(ProblemForm form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            var problem = problems.create(form.toInput(), principal.getName());
            redirect.addFlashAttribute("notice", "Opened " + problem.reference() + ".");
            return "redirect:/problems/" + problem.reference();
        } catch (InvalidInputException e) {
            return form(form, null, ProblemForm.shown(FormErrors.of(e)), model);
        }
    }

    @GetMapping("/problems/{ref}")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable String ref, Model model) {
        return detail(ref, new ProblemTransition(null, null, null, null, null), Map.of(), model);
    }

    @GetMapping("/problems/{ref}/edit")
    @RequiresRole(Role.OPERATOR)
    String editForm(@PathVariable String ref, Model model) {
        var problem = views.of(problems.get(ref));
        return form(ProblemForm.of(problem), problem.reference(), Map.of(), model);
    }

    @PostMapping("/problems/{ref}/edit")
    @RequiresRole(Role.OPERATOR)
    String edit(@PathVariable String ref, ProblemForm form, Principal principal, Model model,
            RedirectAttributes redirect) {
        var problem = problems.get(ref);
        try {
            problems.change(problem.id(), form.toInput(), principal.getName());
            redirect.addFlashAttribute("notice", "Saved " + problem.reference() + ".");
            return "redirect:/problems/" + problem.reference();
        } catch (InvalidInputException | ConflictException e) {
            return form(form, problem.reference(), ProblemForm.shown(FormErrors.of(e)), model);
        }
    }

    @PostMapping("/problems/{ref}/transition")
    @RequiresRole(Role.OPERATOR)
    String transition(@PathVariable String ref, ProblemTransition input, Principal principal, Model model,
            RedirectAttributes redirect) {
        var problem = problems.get(ref);
        try {
            var moved = problems.transition(problem.id(), input, principal.getName());
            redirect.addFlashAttribute("notice", moved.reference() + " is " + moved.state().label() + " now.");
            return "redirect:/problems/" + moved.reference();
        } catch (OpslineException e) {
            return detail(ref, input, FormErrors.of(e), model);
        }
    }

    @PostMapping("/problems/{ref}/incidents")
    @RequiresRole(Role.OPERATOR)
    String link(@PathVariable String ref, @RequestParam(required = false) String incident, Principal principal,
            Model model, RedirectAttributes redirect) {
        var problem = problems.get(ref);
        try {
            problems.link(problem.id(), incident, principal.getName());
            redirect.addFlashAttribute("notice", "Linked " + incident.strip() + ".");
            return "redirect:/problems/" + problem.reference();
        } catch (OpslineException e) {
            return detail(ref, new ProblemTransition(null, null, null, null, null), FormErrors.of(e), model);
        }
    }

    @PostMapping("/problems/{ref}/incidents/{incident}/unlink")
    @RequiresRole(Role.OPERATOR)
    String unlink(@PathVariable String ref, @PathVariable String incident, Principal principal,
            RedirectAttributes redirect) {
        var problem = problems.get(ref);
        problems.unlink(problem.id(), incident, principal.getName());
        redirect.addFlashAttribute("notice", "Unlinked " + incident + ".");
        return "redirect:/problems/" + problem.reference();
    }

    private String detail(String ref, ProblemTransition typed, Map<String, String> errors, Model model) {
        var problem = views.of(problems.get(ref));
        model.addAttribute("problem", problem);
        model.addAttribute("timeline", problems.timeline(problem.id()));
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "servicedesk/problem";
    }

    private static String form(ProblemForm form, String reference, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("reference", reference);
        model.addAttribute("heading", reference == null ? "New problem" : "Edit " + reference);
        model.addAttribute("errors", errors);
        return "servicedesk/problem-form";
    }

    private static Map<String, String> stateOptions() {
        var options = new LinkedHashMap<String, String>();
        options.put("open", "Open");
        options.putAll(Choice.options(ProblemState.class));
        return options;
    }
}
