package io.opsline.metrics.web;

import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.metrics.internal.rules.MetricRule;
import io.opsline.metrics.internal.rules.MetricRules;
import io.opsline.metrics.internal.rules.SeriesState;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/** The threshold rules with where their series stand (firing first), and for admins the form that adds, changes or deletes one. */
@Controller
class MetricRulePages {

    static final String BASE = "/metrics/rules";

    private final MetricRules rules;

    MetricRulePages(MetricRules rules) {
        this.rules = rules;
    }

    /**
     * A rule as the list shows it.
     *
     * @param state the rule's worst: firing when a series fires, pending when one is pending, else inactive
     */
    record RuleRow(MetricRule rule, String state, List<SeriesState> series) {

        static RuleRow of(MetricRule rule, List<SeriesState> series) {
            var state = series.stream().anyMatch(s -> s.phase() == SeriesState.Phase.FIRING) ? "firing"
                    : series.isEmpty() ? "inactive" : "pending";
            return new RuleRow(rule, state, series);
        }
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    String list(Model model) {
        var states = rules.states().stream().collect(Collectors.groupingBy(SeriesState::ruleId));
        // Problems first: firing rules, then pending ones, each group by name as the service lists them.
        model.addAttribute("rules", rules.list().stream()
                .map(rule -> RuleRow.of(rule, states.getOrDefault(rule.id(), List.of())))
                .sorted(Comparator.comparingInt(row -> List.of("firing", "pending", "inactive").indexOf(row.state())))
                .toList());
        return "metrics/rules";
    }

    @GetMapping(BASE + "/new")
    @RequiresRole(Role.ADMIN)
    String form(Model model) {
        return form(null, MetricRuleForm.empty(), Map.of(), model);
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String create(MetricRuleForm form, Principal principal, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(null, form, principal, model, redirect, response);
    }

    @GetMapping(BASE + "/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        return form(id, MetricRuleForm.of(rules.get(id)), Map.of(), model);
    }

    /** Saves a change made on the version the form was loaded with; a stale one is shown, not stored. */
    @PostMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, MetricRuleForm form, Principal principal, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        rules.get(id);
        return save(id, form, principal, model, redirect, response);
    }

    /** Deletes a rule; its firing series' alerts resolve. */
    @PostMapping(BASE + "/{id}/delete")
    @RequiresRole(Role.ADMIN)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var rule = rules.get(id);
        rules.delete(id);
        redirect.addFlashAttribute("notice", "Metric rule " + rule.name() + " deleted.");
        return "redirect:" + BASE;
    }

    private String save(UUID id, MetricRuleForm form, Principal principal, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            var input = form.toInput();
            var saved = id == null ? rules.create(input, principal.getName()) : rules.update(id, input);
            redirect.addFlashAttribute("notice", "Metric rule " + saved.name() + " saved.");
            return "redirect:" + BASE;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(id, form, MetricRuleForm.shownErrors(FormErrors.of(e)), model);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(id, form, FormErrors.of(e), model);
        }
    }

    private String form(UUID id, MetricRuleForm form, Map<String, String> errors, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("title", id == null ? "New metric rule" : "Edit metric rule");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("comparisons", MetricRuleForm.COMPARISONS);
        model.addAttribute("severities", MetricRuleForm.SEVERITIES);
        return "metrics/rule-form";
    }
}
