package io.opsline.alerting.web;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertChange;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroup;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.correlate.GroupChange;
import io.opsline.alerting.internal.escalate.Escalation;
import io.opsline.alerting.internal.escalate.EscalationStatus;
import io.opsline.alerting.internal.escalate.Escalations;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/**
 * Alert groups as people work them: the list (open problems first, the worst first) and one group's
 * page with its alerts, root cause first, its timeline and its escalation, where it is acknowledged.
 */
@Controller
class GroupPages {

    private final AlertGroups groups;
    private final Alerts alerts;
    private final Escalations escalations;
    private final Notifications notifications;
    private final Inventory inventory;

    GroupPages(AlertGroups groups, Alerts alerts, Escalations escalations, Notifications notifications,
            Inventory inventory) {
        this.groups = groups;
        this.alerts = alerts;
        this.escalations = escalations;
        this.notifications = notifications;
        this.inventory = inventory;
    }

    @GetMapping("/alerts/groups")
    @RequiresRole(Role.VIEWER)
    String list(GroupListFilter filter, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var shown = filter;
        var query = GroupListFilter.none().toGroupFilter();
        try {
            query = filter.toGroupFilter();
        } catch (InvalidInputException e) {
            errors.putAll(FormErrors.of(e));
            shown = GroupListFilter.none();
        }
        var pageNumber = PageNumbers.parse("page", page, 0, errors);
        var pageSize = Math.min(PageRequest.MAX_SIZE, Math.max(1, PageNumbers.parse("size", size,
                PageRequest.DEFAULT_SIZE, errors)));
        var found = groups.listWorstFirst(query, new PageRequest(pageNumber, pageSize));
        if (found.items().isEmpty() && found.total() > 0) {
            found = groups.listWorstFirst(query, new PageRequest(found.totalPages() - 1, pageSize));
        }
        model.addAttribute("page", rows(found));
        model.addAttribute("filter", shown);
        model.addAttribute("pagerBase", shown.pagerBase() + (size == null || errors.containsKey("size") ? ""
                : "size=" + pageSize + "&"));
        model.addAttribute("statusOptions", GroupListFilter.statusOptions());
        model.addAttribute("severityOptions", ConsoleFilter.severityOptions());
        model.addAttribute("errors", errors);
        return "alerting/groups";
    }

    @GetMapping("/alerts/groups/{id}")
    @RequiresRole(Role.VIEWER)
    String group(@PathVariable UUID id, Model model) {
        var view = groups.get(id);
        var now = Instant.now();
        var members = new ArrayList<Alert>();
        for (var member : view.members()) {
            alerts.find(member.alertId()).ifPresent(members::add);
        }
        var cis = cis(members);
        var escalation = escalationOf(id);
        var root = members.stream().filter(a -> a.id().equals(view.group().rootAlertId())).findFirst().orElse(null);
        model.addAttribute("row", GroupRow.of(view.group(), root, ciName(root, cis), escalation.orElse(null), now));
        model.addAttribute("members", members.stream().map(a -> AlertRow.of(a, cis, now)).toList());
        model.addAttribute("policy", escalation.map(Escalation::ruleName).orElse(null));
        model.addAttribute("timeline", timeline(view.group(), members, escalation));
        model.addAttribute("acknowledgeable", members.stream().anyMatch(GroupPages::waitingForSomeone));
        model.addAttribute("silenceable", members.stream().anyMatch(a -> a.status().isOpen()));
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "alerting/group";
    }

    /**
     * Acknowledges every alert of the group nobody is on yet, each audited: with none firing and one
     * acknowledged, its escalation stops at its next step instead of notifying the next level.
     */
    @PostMapping("/alerts/groups/{id}/acknowledge")
    @RequiresRole(Role.OPERATOR)
    String acknowledge(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        var waiting = groups.get(id).members().stream().map(m -> alerts.find(m.alertId())).flatMap(Optional::stream)
                .filter(GroupPages::waitingForSomeone).map(Alert::id).toList();
        if (waiting.isEmpty()) {
            redirect.addFlashAttribute("notice", "Nothing to acknowledge: every alert of this group is taken on or resolved.");
        } else {
            var result = alerts.acknowledgeAll(waiting, principal.getName());
            redirect.addFlashAttribute("notice", result.changed() + (result.changed() == 1 ? " alert" : " alerts")
                    + " acknowledged; nobody more is paged about this group.");
        }
        return "redirect:/alerts/groups/" + id;
    }

    private static boolean waitingForSomeone(Alert alert) {
        return alert.status() == AlertStatus.FIRING
                || alert.status() == AlertStatus.SUPPRESSED && !alert.hasBeenAcknowledged();
    }

    private Page<GroupRow> rows(Page<AlertGroup> found) {
        var now = Instant.now();
        var roots = new LinkedHashMap<UUID, Alert>();
        for (var group : found.items()) {
            alerts.find(group.rootAlertId()).ifPresent(root -> roots.put(group.id(), root));
        }
        var cis = cis(List.copyOf(roots.values()));
        return found.map(group -> {
            var root = roots.get(group.id());
            return GroupRow.of(group, root, ciName(root, cis), escalationOf(group.id()).orElse(null), now);
        });
    }

    /**
     * The group's changes, its alerts' changes after they joined (their opening is the group's "joined"
     * line) and its escalation's steps with the notifications they queued, oldest first.
     */
    private List<GroupTimelineLine> timeline(AlertGroup group, List<Alert> members, Optional<Escalation> escalation) {
        var summaries = new LinkedHashMap<UUID, String>();
        members.forEach(a -> summaries.put(a.id(), a.summary()));
        var lines = new ArrayList<GroupTimelineLine>();
        var roots = new HashSet<UUID>();
        for (var change : groups.timeline(group.id())) {
            if (change.kind() == GroupChange.Kind.OPENED || change.kind() == GroupChange.Kind.ROOT_CAUSE_CHANGED) {
                roots.add(change.alertId());
            }
            var what = switch (change.kind()) {
                case OPENED -> "Group opened";
                case ALERT_JOINED -> "Alert joined";
                case ROOT_CAUSE_CHANGED -> "Root cause changed";
                case RESOLVED -> "Group resolved";
            };
            lines.add(new GroupTimelineLine(change.at(), what, change.alertId(),
                    summaries.get(change.alertId()), null, change.text()));
        }
        for (var member : members) {
            for (var change : alerts.timeline(member.id())) {
                if (change.kind() != AlertChange.Kind.OPENED) {
                    lines.add(new GroupTimelineLine(change.at(), alertWhat(change), member.id(), member.summary(),
                            change.actor(), change.text()));
                }
            }
        }
        escalation.ifPresent(e -> escalationLines(e, roots, lines));
        lines.sort(Comparator.comparing(GroupTimelineLine::at));
        return lines;
    }

    private void escalationLines(Escalation escalation, Iterable<UUID> roots, List<GroupTimelineLine> lines) {
        if (escalation.status() == EscalationStatus.UNROUTED) {
            lines.add(new GroupTimelineLine(escalation.startedAt(), "Nobody paged", null, null, null,
                    escalation.stopReason()));
            return;
        }
        lines.add(new GroupTimelineLine(escalation.startedAt(), "Escalation started", null, null, null,
                "routed by rule " + escalation.ruleName()));
        // Escalation messages are about the group's root-cause alert of the moment, under keys naming the escalation.
        var prefix = "escalation:" + escalation.id() + ":";
        for (var root : roots) {
            for (var delivery : notifications.list(null, null, root, new PageRequest(0, PageRequest.MAX_SIZE)).items()) {
                if (delivery.deliveryKey().startsWith(prefix)) {
                    var to = delivery.recipients().isEmpty() ? "its channel" : String.join(", ", delivery.recipients());
                    lines.add(new GroupTimelineLine(delivery.createdAt(), "Notification "
                            + words(delivery.status().name()), null, null, null, words(delivery.message().kind().name())
                            + " message to " + to + (delivery.lastError() == null ? "" : "; " + delivery.lastError())));
                }
            }
        }
        if (escalation.stoppedAt() != null) {
            lines.add(new GroupTimelineLine(escalation.stoppedAt(), "Escalation " + words(escalation.status().name()),
                    null, null, null, escalation.stopReason()));
        }
    }

    private static String alertWhat(AlertChange change) {
        return "Alert " + words(change.kind().name()) + (change.kind() == AlertChange.Kind.SEVERITY_CHANGED
                ? " to " + change.severity().name() : "");
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private Optional<Escalation> escalationOf(UUID groupId) {
        try {
            return Optional.of(escalations.ofGroup(groupId));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Map<UUID, CiSummary> cis(List<Alert> shown) {
        var ids = shown.stream().map(Alert::ciId).filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Map.of() : inventory.findAll(ids);
    }

    private static String ciName(Alert alert, Map<UUID, CiSummary> cis) {
        return alert == null ? null : AlertRow.of(alert, cis, Instant.now()).ciName();
    }
}
