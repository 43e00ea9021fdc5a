package io.opsline.alerting.web;

import java.security.Principal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
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

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.internal.oncall.OnCall;
import io.opsline.alerting.internal.oncall.OverrideInput;
import io.opsline.alerting.internal.oncall.ScheduleView;
import io.opsline.alerting.internal.oncall.Schedules;
import io.opsline.alerting.internal.oncall.Shift;
import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.OpslineException;

/**
 * On-call schedules: who is on call now and next, a schedule's layers, its next two weeks and its
 * overrides, and the schedule form. Roles as in the REST API: admins define schedules, operators
 * add and remove overrides (that is how people swap shifts).
 */
@Controller
class OnCallPages {

    static final String BASE = "/alerts/oncall";
    /** How far ahead a schedule's page shows its shifts. */
    static final Duration UPCOMING = Duration.ofDays(14);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    /** A shift with its times written in the schedule's zone. */
    public record ShiftRow(Shift shift, String from, String to) {
    }

    /** A schedule in the list with who is on call now (null: nobody) and who comes next. */
    public record ScheduleRow(ScheduleView schedule, ShiftRow now, ShiftRow next) {
    }

    /** An override with its times written in the schedule's zone. */
    public record OverrideRow(UUID id, String who, String from, String to, String createdBy) {
    }

    /** The override form as typed: local date-times in the schedule's zone. */
    public record OverrideForm(String userId, String from, String to) {
    }

    private final Schedules schedules;
    private final OnCall onCall;
    private final People people;
    private final AlertingProperties properties;

    OnCallPages(Schedules schedules, OnCall onCall, People people, AlertingProperties properties) {
        this.schedules = schedules;
        this.onCall = onCall;
        this.people = people;
        this.properties = properties;
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    String list(Model model) {
        var now = Jdbc.now();
        model.addAttribute("rows", schedules.list().stream().map(s -> {
            var zone = ZoneId.of(s.timeZone());
            return new ScheduleRow(s, onCall.now(s.id(), now).map(shift -> row(shift, zone)).orElse(null),
                    onCall.next(s.id(), now).map(shift -> row(shift, zone)).orElse(null));
        }).toList());
        return "alerting/oncall";
    }

    @GetMapping(BASE + "/new")
    @RequiresRole(Role.ADMIN)
    String newSchedule(Model model) {
        return form(null, ScheduleForm.blank(), Map.of(), model);
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String create(@RequestParam MultiValueMap<String, String> request, Model model, RedirectAttributes redirect) {
        var form = ScheduleForm.from(request);
        var problems = new LinkedHashMap<String, String>();
        try {
            var created = schedules.create(form.toInput(people, problems));
            redirect.addFlashAttribute("notice", "Schedule %s created.".formatted(created.schedule().name()));
            redirect.addFlashAttribute("feedUrl", feedUrl(created.feed().path()));
            return "redirect:" + BASE + "/" + created.schedule().id();
        } catch (InvalidInputException | ConflictException e) {
            return form(null, form, merged(e, problems), model);
        }
    }

    @GetMapping(BASE + "/{id}")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable UUID id, Model model) {
        return page(schedules.get(id), new OverrideForm(null, null, null), Map.of(), model);
    }

    @GetMapping(BASE + "/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        var schedule = schedules.get(id);
        return form(schedule, ScheduleForm.of(schedule), Map.of(), model);
    }

    @PostMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> request, Model model,
            RedirectAttributes redirect) {
        var schedule = schedules.get(id);
        var form = ScheduleForm.from(request);
        var problems = new LinkedHashMap<String, String>();
        try {
            var saved = schedules.update(id, form.toInput(people, problems));
            redirect.addFlashAttribute("notice", "Schedule %s saved.".formatted(saved.name()));
            return "redirect:" + BASE + "/" + id;
        } catch (InvalidInputException | ConflictException e) {
            return form(schedule, form, merged(e, problems), model);
        }
    }

    /** Refused, with the reason, while an escalation policy reaches people through the schedule. */
    @PostMapping(BASE + "/{id}/delete")
    @RequiresRole(Role.ADMIN)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var schedule = schedules.get(id);
        try {
            schedules.delete(id);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("notice", e.getMessage() + ": change those policies first.");
            return "redirect:" + BASE + "/" + id;
        }
        redirect.addFlashAttribute("notice", "Schedule %s deleted.".formatted(schedule.name()));
        return "redirect:" + BASE;
    }

    /** Someone takes over from one local time to another, in the schedule's zone. */
    @PostMapping(BASE + "/{id}/overrides")
    @RequiresRole(Role.OPERATOR)
    String addOverride(@PathVariable UUID id, OverrideForm form, Principal principal, Model model,
            RedirectAttributes redirect) {
        var schedule = schedules.get(id);
        var zone = ZoneId.of(schedule.timeZone());
        var problems = new LinkedHashMap<String, String>();
        var input = new OverrideInput(form.userId(), instant("from", form.from(), zone, problems),
                instant("to", form.to(), zone, problems));
        try {
            schedules.addOverride(id, input, principal.getName());
            redirect.addFlashAttribute("notice", "Override added.");
            return "redirect:" + BASE + "/" + id + "#overrides";
        } catch (InvalidInputException e) {
            return page(schedule, form, merged(e, problems), model);
        }
    }

    @PostMapping(BASE + "/{id}/overrides/{overrideId}/delete")
    @RequiresRole(Role.OPERATOR)
    String removeOverride(@PathVariable UUID id, @PathVariable UUID overrideId, RedirectAttributes redirect) {
        schedules.removeOverride(id, overrideId);
        redirect.addFlashAttribute("notice", "Override removed.");
        return "redirect:" + BASE + "/" + id + "#overrides";
    }

    /** A new calendar feed address, shown this once; the old one stops working. */
    @PostMapping(BASE + "/{id}/feed")
    @RequiresRole(Role.ADMIN)
    String newFeed(@PathVariable UUID id, RedirectAttributes redirect) {
        var feed = schedules.rotateFeedToken(id);
        redirect.addFlashAttribute("feedUrl", feedUrl(feed.path()));
        redirect.addFlashAttribute("notice", "The calendar feed has a new address; the old one no longer works.");
        return "redirect:" + BASE + "/" + id + "#feed";
    }

    private String page(ScheduleView schedule, OverrideForm overrideForm, Map<String, String> errors, Model model) {
        var zone = ZoneId.of(schedule.timeZone());
        var now = Jdbc.now();
        model.addAttribute("schedule", schedule);
        model.addAttribute("now", onCall.now(schedule.id(), now).map(s -> row(s, zone)).orElse(null));
        model.addAttribute("next", onCall.next(schedule.id(), now).map(s -> row(s, zone)).orElse(null));
        model.addAttribute("shifts", onCall.shifts(schedule.id(), now, now.plus(UPCOMING)).stream()
                .map(s -> row(s, zone)).toList());
        model.addAttribute("overrides", schedule.overrides().stream().map(o -> new OverrideRow(o.id(),
                schedule.people().getOrDefault(o.userId(), o.userId().toString()), format(o.from(), zone),
                format(o.to(), zone), o.createdBy())).toList());
        model.addAttribute("overrideForm", overrideForm);
        model.addAttribute("errors", errors);
        model.addAttribute("people", peopleOptions());
        model.addAttribute("apiCalendarUrl", feedUrl("/api/v1/oncall-schedules/" + schedule.id() + "/calendar.ics"));
        return "alerting/schedule";
    }

    private String form(ScheduleView schedule, ScheduleForm form, Map<String, String> errors, Model model) {
        model.addAttribute("schedule", schedule);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("rotations", ScheduleForm.rotations());
        var days = new LinkedHashMap<String, String>();
        for (var day : DayOfWeek.values()) {
            days.put(day.name(), day.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        model.addAttribute("days", days);
        model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
        return "alerting/schedule-form";
    }

    private Map<String, String> peopleOptions() {
        var options = new LinkedHashMap<String, String>();
        people.enabled().forEach(p -> options.put(p.id().toString(), p.name()));
        return options;
    }

    private String feedUrl(String path) {
        var base = properties.publicUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static ShiftRow row(Shift shift, ZoneId zone) {
        return new ShiftRow(shift, format(shift.from(), zone), format(shift.to(), zone));
    }

    static String format(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }

    /** A local date-time typed in the schedule's zone as the instant the schedule rules expect; as typed when it is none. */
    private static String instant(String field, String text, ZoneId zone, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            return text;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            problems.put(field, "'%s' is not a date and time such as 2026-03-02T09:00".formatted(text));
            return text;
        }
    }

    /** The rules' messages, with this form's own (clearer) ones for the same fields in their place. */
    static Map<String, String> merged(OpslineException e, Map<String, String> problems) {
        var errors = new LinkedHashMap<>(FormErrors.of(e));
        errors.putAll(problems);
        return errors;
    }
}
