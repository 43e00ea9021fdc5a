package io.opsline.alerting.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.BulkResult;
import io.opsline.alerting.internal.BulkResult.Outcome;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/**
 * The alert console (open alerts first, the worst first, refreshing itself, with bulk acknowledge
 * and resolve) and one alert's page with its timeline.
 */
@Controller
class AlertPages {

    /**
     * How often the console refreshes itself, in seconds, besides when {@link AlertStream} says so:
     * a safety net for a stream that a proxy holds up.
     */
    static final int REFRESH_SECONDS = 30;
    private static final String SELECT_FIRST = "Select at least one alert in the table first.";

    private final Alerts alerts;
    private final Inventory inventory;

    AlertPages(Alerts alerts, Inventory inventory) {
        this.alerts = alerts;
        this.inventory = inventory;
    }

    @GetMapping("/alerts")
    @RequiresRole(Role.VIEWER)
    String console(ConsoleFilter filter, @RequestParam(required = false) String page, Model model) {
        return console(filter, page, Map.of(), model);
    }

    /** Acknowledges the selected alerts; says how many, and why the others were left as they were. */
    @PostMapping("/alerts/acknowledge")
    @RequiresRole(Role.OPERATOR)
    String acknowledgeSelected(ConsoleFilter filter, @RequestParam(name = "alert", required = false) List<String> selected,
            @RequestParam(required = false) String page, Principal principal, Model model,
            RedirectAttributes redirect) {
        return bulk(filter, selected, page, "acknowledged", alerts::acknowledgeAll, principal, model, redirect);
    }

    /** Resolves the selected alerts, as a person says they are over. */
    @PostMapping("/alerts/resolve")
    @RequiresRole(Role.OPERATOR)
    String resolveSelected(ConsoleFilter filter, @RequestParam(name = "alert", required = false) List<String> selected,
            @RequestParam(required = false) String page, Principal principal, Model model,
            RedirectAttributes redirect) {
        return bulk(filter, selected, page, "resolved", alerts::resolveAll, principal, model, redirect);
    }

    @GetMapping("/alerts/{id}")
    @RequiresRole(Role.VIEWER)
    String alert(@PathVariable UUID id, Model model) {
        var alert = alerts.get(id);
        model.addAttribute("row", AlertRow.of(alert, cis(List.of(alert)), Instant.now()));
        model.addAttribute("timeline", alerts.timeline(id));
        model.addAttribute("link", safeLink(alert.link()));
        model.addAttribute("acknowledgeable", alert.status() == AlertStatus.FIRING
                || alert.status() == AlertStatus.SUPPRESSED);
        model.addAttribute("resolvable", alert.status().isOpen());
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "alerting/alert";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    @RequiresRole(Role.OPERATOR)
    String acknowledge(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        try {
            alerts.acknowledge(id, principal.getName());
            redirect.addFlashAttribute("notice", "Alert acknowledged.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("notice", "The alert is resolved already: there is nothing to acknowledge.");
        }
        return "redirect:/alerts/" + id;
    }

    @PostMapping("/alerts/{id}/resolve")
    @RequiresRole(Role.OPERATOR)
    String resolve(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        alerts.resolve(id, principal.getName());
        redirect.addFlashAttribute("notice", "Alert resolved.");
        return "redirect:/alerts/" + id;
    }

    /*
     * Every bulk action goes through here: the selection read, applied by the module, the outcome
     * counted. A further action (silencing the selected alerts) is one more mapping calling this,
     * one more button on the console, and its outcome's wording below.
     */
    private String bulk(ConsoleFilter filter, List<String> selected, String page, String done,
            BiFunction<List<UUID>, String, BulkResult> action, Principal principal, Model model,
            RedirectAttributes redirect) {
        var ids = new ArrayList<UUID>();
        var unchanged = new ArrayList<String>();
        var notIds = 0;
        for (var text : selected == null ? List.<String>of() : selected) {
            if (text == null || text.isBlank()) {
                continue;
            }
            var id = Ids.parseOrNull(text.strip());
            if (id == null) {
                unchanged.add("'%s' is not an alert id".formatted(text.strip()));
                notIds++;
            } else {
                ids.add(id);
            }
        }
        if (ids.isEmpty() && unchanged.isEmpty()) {
            return console(filter, page, Map.of("", SELECT_FIRST), model);
        }
        BulkResult result;
        try {
            result = ids.isEmpty() ? new BulkResult(List.of()) : action.apply(ids, principal.getName());
        } catch (InvalidInputException e) {
            return console(filter, page, Map.of("", "The selection " + String.join("; ", FormErrors.of(e).values())),
                    model);
        }
        for (var item : result.items()) {
            var reason = reason(item.outcome());
            if (reason != null) {
                unchanged.add((item.summary() == null ? item.alertId().toString() : item.summary()) + ": " + reason);
            }
        }
        redirect.addFlashAttribute("outcome", new ConsoleOutcome(title(result, done, notIds),
                unchanged));
        return "redirect:" + filter.url();
    }

    /** "12 acknowledged, 2 were already resolved.": the changes first, then each reason for none. */
    static String title(BulkResult result, String done, long notIds) {
        var parts = new ArrayList<String>();
        parts.add(result.changed() + " " + done);
        for (var outcome : Outcome.values()) {
            var count = result.count(outcome);
            if (!outcome.changed() && count > 0) {
                parts.add(count + " " + (count == 1 ? "was " : "were ") + reason(outcome));
            }
        }
        if (notIds > 0) {
            parts.add(notIds + (notIds == 1 ? " was" : " were") + " not an alert id");
        }
        return String.join(", ", parts) + ".";
    }

    private static String reason(Outcome outcome) {
        return switch (outcome) {
            case ACKNOWLEDGED, RESOLVED -> null;
            case ALREADY_ACKNOWLEDGED -> "already acknowledged";
            case ALREADY_RESOLVED -> "already resolved";
            case NOT_FOUND -> "not found (no alert with this id)";
        };
    }

    private String console(ConsoleFilter filter, String pageText, Map<String, String> formErrors, Model model) {
        var errors = new LinkedHashMap<>(formErrors);
        var shown = filter;
        AlertFilter query;
        try {
            query = filter.toAlertFilter();
        } catch (InvalidInputException e) {
            // Show the open alerts with the reason; the bad filter is dropped from the refresh and the links.
            errors.putAll(FormErrors.of(e));
            shown = ConsoleFilter.none();
            query = shown.toAlertFilter();
        }
        var pageNumber = 0;
        if (pageText != null && !pageText.isBlank()) {
            try {
                pageNumber = Math.max(0, Integer.parseInt(pageText.strip()));
            } catch (NumberFormatException e) {
                errors.put("page", "must be a whole number");
            }
        }
        var now = Instant.now();
        Page<Alert> found = alerts.list(query, new PageRequest(pageNumber, PageRequest.DEFAULT_SIZE));
        if (found.items().isEmpty() && found.total() > 0) {
            // Past the last page (alerts were resolved meanwhile, or a typed address): show the last one.
            pageNumber = found.totalPages() - 1;
            found = alerts.list(query, new PageRequest(pageNumber, PageRequest.DEFAULT_SIZE));
        }
        var cis = cis(found.items());
        model.addAttribute("page", found.map(a -> AlertRow.of(a, cis, now)));
        var counts = alerts.openBySeverity();
        model.addAttribute("counts", counts);
        model.addAttribute("criticalOpen", counts.get(Severity.CRITICAL));
        model.addAttribute("filter", shown);
        model.addAttribute("pagerBase", shown.pagerBase());
        model.addAttribute("refreshUrl", pageNumber == 0 ? shown.url() : shown.pagerBase() + "page=" + pageNumber);
        model.addAttribute("updatedAt", now);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        model.addAttribute("errors", errors);
        model.addAttribute("statusOptions", ConsoleFilter.statusOptions());
        model.addAttribute("severityOptions", ConsoleFilter.severityOptions());
        model.addAttribute("maxSelected", Alerts.MAX_BULK);
        return "alerting/alerts";
    }

    /** The CIs these alerts are about, by id; those since deleted are missing. */
    private Map<UUID, CiSummary> cis(List<Alert> shown) {
        var ids = shown.stream().map(Alert::ciId).filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Map.of() : inventory.findAll(ids);
    }

    /** The sender's link, if it is a web address: anything else (javascript:, data:) is shown as text only. */
    private static String safeLink(String link) {
        if (link == null) {
            return null;
        }
        try {
            var scheme = URI.create(link.strip()).getScheme();
            return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme) ? link.strip() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
