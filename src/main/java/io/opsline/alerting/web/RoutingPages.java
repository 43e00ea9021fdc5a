package io.opsline.alerting.web;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.oncall.EscalationPolicies;
import io.opsline.alerting.internal.routing.RoutingRule;
import io.opsline.alerting.internal.routing.RoutingRules;
import io.opsline.alerting.internal.routing.RoutingTestInput;
import io.opsline.alerting.internal.routing.RuleConditions;
import io.opsline.alerting.internal.routing.RuleOrder;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.Environment;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;

/**
 * Routing rules in the order they are tried (first match wins), moved up and down, their form, and
 * trying a sample alert against them. Admins define and order rules, as in the REST API; everyone
 * may try a sample.
 */
@Controller
class RoutingPages {

    static final String BASE = "/alerts/routing";

    /** A rule in the list, its conditions in words; none means it takes every alert. */
    public record RuleRow(RoutingRule rule, String policy, List<String> conditions) {
    }

    /** The sample alert form as typed. */
    public record SampleForm(String source, String severity, String labels, String ci, String at) {
    }

    private final RoutingRules rules;
    private final EscalationPolicies policies;
    private final Teams teams;
    private final Inventory inventory;

    RoutingPages(RoutingRules rules, EscalationPolicies policies, Teams teams, Inventory inventory) {
        this.rules = rules;
        this.policies = policies;
        this.teams = teams;
        this.inventory = inventory;
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    String list(Model model) {
        var all = rules.list();
        var policyNames = policyNames();
        var teamNames = teams.names(all.stream().flatMap(r -> r.conditions().ownerTeams().stream()).toList());
        model.addAttribute("rows", all.stream().map(r -> new RuleRow(r, policyNames.get(r.policyId().toString()),
                describe(r.conditions(), teamNames))).toList());
        return "alerting/routing";
    }

    @GetMapping(BASE + "/new")
    @RequiresRole(Role.ADMIN)
    String newRule(Model model) {
        return form(null, RuleForm.blank(), Map.of(), model);
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String create(@RequestParam MultiValueMap<String, String> request, Model model, RedirectAttributes redirect) {
        var form = RuleForm.from(request);
        var problems = new LinkedHashMap<String, String>();
        try {
            var created = rules.create(form.toInput(problems));
            redirect.addFlashAttribute("notice", "Routing rule %s created; it is tried after the others."
                    .formatted(created.name()));
            return "redirect:" + BASE;
        } catch (InvalidInputException | ConflictException e) {
            return form(null, form, OnCallPages.merged(e, problems), model);
        }
    }

    @GetMapping(BASE + "/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        var rule = rules.get(id);
        return form(rule, RuleForm.of(rule), Map.of(), model);
    }

    @PostMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> request, Model model,
            RedirectAttributes redirect) {
        var rule = rules.get(id);
        var form = RuleForm.from(request);
        var problems = new LinkedHashMap<String, String>();
        try {
            var saved = rules.update(id, form.toInput(problems));
            redirect.addFlashAttribute("notice", "Routing rule %s saved.".formatted(saved.name()));
            return "redirect:" + BASE;
        } catch (InvalidInputException | ConflictException e) {
            return form(rule, form, OnCallPages.merged(e, problems), model);
        }
    }

    @PostMapping(BASE + "/{id}/delete")
    @RequiresRole(Role.ADMIN)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var rule = rules.get(id);
        rules.delete(id);
        redirect.addFlashAttribute("notice", "Routing rule %s deleted.".formatted(rule.name()));
        return "redirect:" + BASE;
    }

    /** Swaps the rule with the one before it ({@code direction=up}) or after it; at either end nothing moves. */
    @PostMapping(BASE + "/{id}/move")
    @RequiresRole(Role.ADMIN)
    String move(@PathVariable UUID id, @RequestParam(defaultValue = "up") String direction,
            RedirectAttributes redirect) {
        var rule = rules.get(id);
        var ids = new ArrayList<>(rules.list().stream().map(r -> r.id().toString()).toList());
        var at = ids.indexOf(id.toString());
        var to = "down".equals(direction) ? at + 1 : at - 1;
        if (at >= 0 && to >= 0 && to < ids.size()) {
            ids.set(at, ids.get(to));
            ids.set(to, id.toString());
            rules.reorder(new RuleOrder(ids));
            redirect.addFlashAttribute("notice", "Moved %s %s.".formatted(rule.name(), "down".equals(direction)
                    ? "down" : "up"));
        }
        return "redirect:" + BASE;
    }

    /** Which rule takes a sample alert, and for every rule which of its conditions the sample meets. */
    @GetMapping(BASE + "/test")
    @RequiresRole(Role.VIEWER)
    String test(SampleForm sample, Model model) {
        model.addAttribute("sample", sample);
        model.addAttribute("severities", severities());
        model.addAttribute("policyNames", policyNames());
        var errors = new LinkedHashMap<String, String>();
        model.addAttribute("errors", errors);
        if (sample.severity() == null) {
            return "alerting/routing-test";
        }
        var labels = new LinkedHashMap<String, String>();
        if (sample.labels() != null) {
            for (var line : sample.labels().split("\\R")) {
                var equals = line.indexOf('=');
                if (equals > 0) {
                    labels.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                } else if (!line.isBlank()) {
                    errors.merge("labels", "'%s' is not name=value".formatted(line.strip()), (a, b) -> a + "; " + b);
                }
            }
        }
        String ciId = null;
        if (sample.ci() != null && !sample.ci().isBlank()) {
            var typed = sample.ci().strip();
            var ci = Ids.parseOrNull(typed) != null ? inventory.find(Ids.parseOrNull(typed))
                    : inventory.findByHostname(typed).or(() -> inventory.findByAddress(typed));
            if (ci.isEmpty()) {
                errors.put("ci", "no CI with this id, host name or address");
            } else {
                ciId = ci.get().id().toString();
            }
        }
        try {
            var verdict = rules.test(new RoutingTestInput(sample.source(), sample.severity(), labels, ciId,
                    sample.at()));
            if (errors.isEmpty()) {
                model.addAttribute("verdict", verdict);
            }
        } catch (InvalidInputException e) {
            FormErrors.of(e).forEach(errors::putIfAbsent);
        }
        return "alerting/routing-test";
    }

    private String form(RoutingRule rule, RuleForm form, Map<String, String> errors, Model model) {
        model.addAttribute("rule", rule);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("policies", policyNames());
        model.addAttribute("severities", severities());
        model.addAttribute("ciClasses", Choice.options(CiClass.class));
        model.addAttribute("environments", Choice.options(Environment.class));
        var teamOptions = new LinkedHashMap<String, String>();
        teams.all().forEach(t -> teamOptions.put(t.id().toString(), t.name()));
        model.addAttribute("teams", teamOptions);
        var days = new LinkedHashMap<String, String>();
        for (var day : DayOfWeek.values()) {
            days.put(day.name(), day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        }
        model.addAttribute("days", days);
        model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
        return "alerting/routing-form";
    }

    private Map<String, String> policyNames() {
        var names = new LinkedHashMap<String, String>();
        policies.list().forEach(p -> names.put(p.id().toString(), p.name()));
        return names;
    }

    private static List<String> describe(RuleConditions c, Map<UUID, String> teamNames) {
        var words = new ArrayList<String>();
        if (!c.severities().isEmpty()) {
            words.add("severity " + joined(c.severities().stream().sorted().map(Enum::name).toList()));
        }
        if (!c.sources().isEmpty()) {
            words.add("source " + joined(c.sources()));
        }
        if (!c.ciClasses().isEmpty()) {
            words.add("CI class " + joined(c.ciClasses().stream().map(CiClass::label).toList()));
        }
        if (!c.environments().isEmpty()) {
            words.add("environment " + joined(c.environments().stream().map(Environment::label).toList()));
        }
        if (!c.ownerTeams().isEmpty()) {
            words.add("owner team " + joined(c.ownerTeams().stream()
                    .map(t -> teamNames.getOrDefault(t, t.toString())).toList()));
        }
        if (!c.tags().isEmpty()) {
            words.add("tagged " + joined(c.tags()));
        }
        c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(l -> words.add("label " + l.getKey() + "=" + l.getValue()));
        if (c.time() != null) {
            words.add("at " + c.time());
        }
        return words;
    }

    private static String joined(Collection<String> values) {
        return String.join(" or ", new TreeSet<>(values));
    }

    private static Map<String, String> severities() {
        var severities = new LinkedHashMap<String, String>();
        for (var severity : Severity.values()) {
            severities.put(severity.name().toLowerCase(Locale.ROOT), severity.name());
        }
        return severities;
    }
}
