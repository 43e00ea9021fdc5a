package io.opsline.alerting.web;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.suppress.Silence;
import io.opsline.alerting.internal.suppress.Silences;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.FormErrors;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/**
 * Silences as people keep them: the list (in force and pending first) with expire, and the form that
 * creates one, prefilled for the alerts chosen on the console or a group's page.
 */
@Controller
class SilencePages {

    private static final String SELECT_FIRST = "Select at least one alert on the console first, or type the matchers.";

    private final Silences silences;
    private final Alerts alerts;
    private final AlertGroups groups;

    SilencePages(Silences silences, Alerts alerts, AlertGroups groups) {
        this.silences = silences;
        this.alerts = alerts;
        this.groups = groups;
    }

    @GetMapping("/alerts/silences")
    @RequiresRole(Role.VIEWER)
    String list(@RequestParam(required = false) String page, Model model) {
        // In force first, then those still to begin, then the ended ones, each the latest ending first.
        var all = new ArrayList<>(silences.list(null));
        all.sort(Comparator.comparing(Silence::state, Comparator.comparingInt(state -> switch (state) {
            case ACTIVE -> 0;
            case PENDING -> 1;
            case EXPIRED -> 2;
        })));
        var errors = new LinkedHashMap<String, String>();
        var pageNumber = PageNumbers.parse("page", page, 0, errors);
        var size = PageRequest.DEFAULT_SIZE;
        var lastPage = Math.max(0, (all.size() - 1) / size);
        pageNumber = Math.min(pageNumber, lastPage);
        var shown = all.subList(Math.min(all.size(), pageNumber * size), Math.min(all.size(), (pageNumber + 1) * size));
        var matching = silences.openAlertsMatching(shown);
        model.addAttribute("page", new Page<>(shown.stream().map(s -> new SilenceRow(s, matching.get(s.id())))
                .toList(), pageNumber, size, all.size()));
        model.addAttribute("errors", errors);
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "alerting/silences";
    }

    /**
     * The new-silence form, prefilled from the query: matchers covering the open alerts of a
     * {@code group}, or the {@code alert}s named, or matcher rows and a comment as typed.
     */
    @GetMapping("/alerts/silences/new")
    @RequiresRole(Role.OPERATOR)
    String form(SilenceForm typed, @RequestParam(name = "alert", required = false) List<String> alertIds,
            @RequestParam(required = false) String group, Model model) {
        var chosen = new ArrayList<Alert>();
        var errors = new LinkedHashMap<String, String>();
        if (group != null && !group.isBlank()) {
            var groupId = Ids.parseOrNull(group.strip());
            var members = groupId == null ? null : groups.find(groupId).map(g -> groups.get(g.id()).members())
                    .orElse(null);
            if (members == null) {
                errors.put("", "No alert group with the id '%s'.".formatted(group.strip()));
            } else {
                members.forEach(m -> alerts.find(m.alertId()).filter(a -> a.status().isOpen()).ifPresent(chosen::add));
            }
        }
        chosen.addAll(alertsNamed(alertIds, errors));
        var form = chosen.isEmpty() ? typed : prefilled(chosen, typed.comment());
        return form(form, chosen.size(), errors, model);
    }

    /** The new-silence form for the alerts selected on the console (a POST, as the console's bulk form is). */
    @PostMapping("/alerts/silences/new")
    @RequiresRole(Role.OPERATOR)
    String formForSelection(@RequestParam(name = "alert", required = false) List<String> alertIds, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var chosen = alertsNamed(alertIds, errors);
        if (chosen.isEmpty() && errors.isEmpty()) {
            errors.put("", SELECT_FIRST);
        }
        return form(chosen.isEmpty() ? SilenceForm.of(List.of(), null) : prefilled(chosen, null), chosen.size(), errors,
                model);
    }

    @PostMapping("/alerts/silences")
    @RequiresRole(Role.OPERATOR)
    String create(SilenceForm typed, Principal principal, Model model, RedirectAttributes redirect) {
        var zone = ZoneId.systemDefault();
        var errors = new LinkedHashMap<String, String>();
        var input = typed.toInput(zone, OffsetDateTime.now(zone), errors);
        if (!errors.isEmpty()) {
            return form(typed, 0, errors, model);
        }
        try {
            var saved = silences.create(input, principal.getName());
            redirect.addFlashAttribute("notice", "Silence created; it matches %d open %s now."
                    .formatted(saved.matchingOpenAlerts(), saved.matchingOpenAlerts() == 1 ? "alert" : "alerts"));
            redirect.addFlashAttribute("created", saved.silence().id());
            return "redirect:/alerts/silences";
        } catch (InvalidInputException e) {
            return form(typed, 0, typed.shownErrors(FormErrors.of(e)), model);
        }
    }

    /** Ends a silence now: the alerts it suppressed fire again, and their escalation goes on. */
    @PostMapping("/alerts/silences/{id}/expire")
    @RequiresRole(Role.OPERATOR)
    String expire(@PathVariable UUID id, RedirectAttributes redirect) {
        silences.expire(id);
        redirect.addFlashAttribute("notice", "Silence expired: the alerts it suppressed are active again.");
        return "redirect:/alerts/silences";
    }

    private List<Alert> alertsNamed(List<String> texts, Map<String, String> errors) {
        var found = new ArrayList<Alert>();
        var ids = new ArrayList<UUID>();
        for (var text : texts == null ? List.<String>of() : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            var id = Ids.parseOrNull(text.strip());
            Optional<Alert> alert = id == null ? Optional.empty() : alerts.find(id);
            if (alert.isEmpty()) {
                errors.put("", "'%s' is no alert; the matchers cover the others.".formatted(text.strip()));
            } else if (!ids.contains(id)) {
                ids.add(id);
                found.add(alert.get());
            }
        }
        Alerts.requireBulkSize(Math.max(1, found.size()));
        return found;
    }

    private static SilenceForm prefilled(List<Alert> chosen, String comment) {
        return SilenceForm.of(SilenceForm.covering(chosen.stream().map(Silences::labelsOf).toList()), comment);
    }

    private String form(SilenceForm form, int chosen, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("chosen", chosen);
        model.addAttribute("matching", form.matchers().isEmpty() ? null
                : silences.openAlertsMatching(form.matchers()).stream().boxed().findFirst().orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("durationOptions", SilenceForm.durationOptions());
        model.addAttribute("operatorOptions", SilenceForm.operatorOptions());
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "alerting/silence-form";
    }
}
