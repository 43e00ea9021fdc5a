package io.opsline.alerting.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.alerting.internal.notify.ChannelKind;
import io.opsline.alerting.internal.notify.Channels;
import io.opsline.alerting.internal.oncall.EscalationPolicies;
import io.opsline.alerting.internal.oncall.EscalationPolicy;
import io.opsline.alerting.internal.oncall.Schedules;
import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.OpslineException;

/** Escalation policies: the list with each level in words, and the form. Admins define them, as in the REST API. */
@Controller
class PolicyPages {

    static final String BASE = "/alerts/policies";

    private final EscalationPolicies policies;
    private final Schedules schedules;
    private final Channels channels;
    private final People people;

    PolicyPages(EscalationPolicies policies, Schedules schedules, Channels channels, People people) {
        this.policies = policies;
        this.schedules = schedules;
        this.channels = channels;
        this.people = people;
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    String list(Model model) {
        model.addAttribute("policies", policies.list());
        model.addAttribute("targets", targetNames());
        model.addAttribute("channelNames", channelNames());
        return "alerting/policies";
    }

    @GetMapping(BASE + "/new")
    @RequiresRole(Role.ADMIN)
    String newPolicy(Model model) {
        return form(null, PolicyForm.blank(), Map.of(), model);
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String create(@RequestParam MultiValueMap<String, String> request, Model model, RedirectAttributes redirect) {
        var form = PolicyForm.from(request);
        var problems = new LinkedHashMap<String, String>();
        try {
            var created = policies.create(form.toInput(problems));
            redirect.addFlashAttribute("notice", "Escalation policy %s created.".formatted(created.name()));
            return "redirect:" + BASE;
        } catch (InvalidInputException | ConflictException e) {
            return form(null, form, errors(e, problems), model);
        }
    }

    @GetMapping(BASE + "/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        var policy = policies.get(id);
        return form(policy, PolicyForm.of(policy), Map.of(), model);
    }

    @PostMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> request, Model model,
            RedirectAttributes redirect) {
        var policy = policies.get(id);
        var form = PolicyForm.from(request);
        var problems = new LinkedHashMap<String, String>();
        try {
            var saved = policies.update(id, form.toInput(problems));
            redirect.addFlashAttribute("notice", "Escalation policy %s saved.".formatted(saved.name()));
            return "redirect:" + BASE;
        } catch (InvalidInputException | ConflictException e) {
            return form(policy, form, errors(e, problems), model);
        }
    }

    /** Refused, with the reason, while a routing rule sends alerts to the policy. */
    @PostMapping(BASE + "/{id}/delete")
    @RequiresRole(Role.ADMIN)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var policy = policies.get(id);
        try {
            policies.delete(id);
            redirect.addFlashAttribute("notice", "Escalation policy %s deleted.".formatted(policy.name()));
            return "redirect:" + BASE;
        } catch (ConflictException e) {
            redirect.addFlashAttribute("notice", e.getMessage() + ": change those rules first.");
            return "redirect:" + BASE + "/" + id + "/edit";
        }
    }

    private String form(EscalationPolicy policy, PolicyForm form, Map<String, String> errors, Model model) {
        model.addAttribute("policy", policy);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        var targets = targetNames();
        // A target deleted since the policy was saved stays choosable, named as what it is, so nothing is lost unseen.
        form.levels().forEach(level -> level.targets().forEach(t -> {
            if (t.target() != null && !t.target().isBlank()) {
                targets.putIfAbsent(t.target(), "Missing: " + t.target());
            }
        }));
        model.addAttribute("targets", targets);
        var emailChannels = new LinkedHashMap<String, String>();
        channels.list().stream().filter(c -> c.kind() == ChannelKind.EMAIL)
                .forEach(c -> emailChannels.put(c.id().toString(), c.name()));
        model.addAttribute("emailChannels", emailChannels);
        return "alerting/policy-form";
    }

    /** Every choosable target by its form value ({@code type:id}): people, then schedules, then channels. */
    private Map<String, String> targetNames() {
        var targets = new LinkedHashMap<String, String>();
        people.enabled().forEach(p -> targets.put("user:" + p.id(), "Person: " + p.name()));
        schedules.list().forEach(s -> targets.put("schedule:" + s.id(), "On call in: " + s.name()));
        channels.list().forEach(c -> targets.put("channel:" + c.id(), "Channel: %s (%s)".formatted(c.name(),
                c.kind().name().toLowerCase(Locale.ROOT))));
        return targets;
    }

    private Map<String, String> channelNames() {
        var names = new LinkedHashMap<String, String>();
        channels.list().forEach(c -> names.put(c.id().toString(), c.name()));
        return names;
    }

    /** The rules' messages placed beside this form's fields, with the form's own clearer ones in their place. */
    private static Map<String, String> errors(OpslineException e, Map<String, String> problems) {
        var errors = new LinkedHashMap<String, String>();
        FormErrors.of(e).forEach((field, message) -> errors.merge(PolicyForm.field(field), message,
                (a, b) -> a + "; " + b));
        errors.putAll(problems);
        return errors;
    }
}
