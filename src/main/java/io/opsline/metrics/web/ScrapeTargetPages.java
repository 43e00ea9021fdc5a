package io.opsline.metrics.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import io.opsline.metrics.internal.scrape.PrometheusDurations;
import io.opsline.metrics.internal.scrape.ScrapeTarget;
import io.opsline.metrics.internal.scrape.ScrapeTargets;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/** The scrape targets page, problems first, and for admins the form that adds, changes or deletes one. */
@Controller
class ScrapeTargetPages {

    static final String BASE = "/metrics/targets";
    private static final List<Map.Entry<String, String>> AUTH_KINDS = List.of(Map.entry("none", "None"),
            Map.entry("basic", "Basic (user and password)"), Map.entry("bearer", "Bearer token"));

    private final ScrapeTargets targets;

    ScrapeTargetPages(ScrapeTargets targets) {
        this.targets = targets;
    }

    /** A target as listed: its state in a word and how long ago it was last scraped. */
    record Row(ScrapeTarget target, String state, String age, String interval) {

        static Row of(ScrapeTarget target, Instant now) {
            var health = target.health();
            var state = !target.enabled() ? "disabled" : switch (health.urgency()) {
                case 0 -> "down";
                case 1 -> "erroring";
                case 2 -> "pending";
                default -> "up";
            };
            var age = health.lastScrapeAt() == null ? "never"
                    : PrometheusDurations.format(Math.max(0, Duration.between(health.lastScrapeAt(), now).toSeconds())
                            * 1000) + " ago";
            return new Row(target, state, age, PrometheusDurations.format(target.intervalMs()));
        }
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    String list(Model model) {
        var now = Instant.now();
        model.addAttribute("rows", targets.list().stream().map(target -> Row.of(target, now)).toList());
        return "metrics/targets";
    }

    @GetMapping(BASE + "/new")
    @RequiresRole(Role.ADMIN)
    String form(Model model) {
        return form(null, ScrapeTargetForm.empty(), Map.of(), model);
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String create(ScrapeTargetForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return save(null, form, model, redirect, response);
    }

    @GetMapping(BASE + "/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        return form(id, ScrapeTargetForm.of(targets.get(id)), Map.of(), model);
    }

    /** Saves a change made on the version the form was loaded with; a stale one is shown, not stored. */
    @PostMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, ScrapeTargetForm form, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        targets.get(id);
        return save(id, form, model, redirect, response);
    }

    @PostMapping(BASE + "/{id}/delete")
    @RequiresRole(Role.ADMIN)
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        var target = targets.get(id);
        try {
            targets.delete(id, version);
            redirect.addFlashAttribute("notice", "Scrape target " + target.name() + " deleted.");
            return "redirect:" + BASE;
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(id, ScrapeTargetForm.of(targets.get(id)), FormErrors.of(e), model);
        }
    }

    private String save(UUID id, ScrapeTargetForm form, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            var saved = id == null ? targets.create(form.toInput()) : targets.update(id, form.toInput());
            redirect.addFlashAttribute("notice", "Scrape target " + saved.name() + " saved.");
            return "redirect:" + BASE;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(id, form.withoutTypedSecrets(), form.shownErrors(FormErrors.of(e)), model);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(id, form.withoutTypedSecrets(), form.shownErrors(FormErrors.of(e)), model);
        }
    }

    private String form(UUID id, ScrapeTargetForm form, Map<String, String> errors, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("title", id == null ? "New scrape target" : "Edit scrape target");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("authKinds", AUTH_KINDS);
        return "metrics/target-form";
    }
}
