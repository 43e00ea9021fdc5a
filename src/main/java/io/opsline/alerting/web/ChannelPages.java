package io.opsline.alerting.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import io.opsline.alerting.internal.notify.Channel;
import io.opsline.alerting.internal.notify.ChannelKind;
import io.opsline.alerting.internal.notify.Channels;
import io.opsline.alerting.internal.notify.DeliveryStatus;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PageRequest;

/**
 * Notification channels (failing ones first), their forms per kind, and the delivery log. The roles
 * are the REST API's: admins set channels up, operators send tests and retry failed deliveries.
 */
@Controller
class ChannelPages {

    static final String BASE = "/alerts/channels";
    static final String DELIVERIES = BASE + "/deliveries";

    private final Channels channels;
    private final Notifications notifications;

    ChannelPages(Channels channels, Notifications notifications) {
        this.channels = channels;
        this.notifications = notifications;
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    String list(Model model) {
        model.addAttribute("rows", ChannelRow.of(channels.list()));
        return "alerting/channels";
    }

    /** Without a kind, a choice of kinds; with one, the form for it. */
    @GetMapping(BASE + "/new")
    @RequiresRole(Role.ADMIN)
    String newChannel(@RequestParam(required = false) String kind, Model model) {
        var chosen = kind(kind);
        if (chosen == null) {
            model.addAttribute("kinds", kinds());
            return "alerting/channel-kind";
        }
        return form(null, ChannelForm.blank(chosen), Map.of(), model);
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String create(ChannelForm form, Principal principal, Model model, RedirectAttributes redirect) {
        if (kind(form.kind()) == null) {
            model.addAttribute("kinds", kinds());
            return "alerting/channel-kind";
        }
        var problems = form.problems();
        if (!problems.isEmpty()) {
            return form(null, form, problems, model);
        }
        try {
            var saved = channels.create(form.toInput(), principal.getName());
            redirect.addFlashAttribute("notice", "Channel %s created.".formatted(saved.channel().name()));
            redirect.addFlashAttribute("shownSecret", saved.secret());
            redirect.addFlashAttribute("shownSecretChannel", saved.channel().name());
            return "redirect:" + BASE;
        } catch (InvalidInputException | ConflictException e) {
            return form(null, form, FormErrors.of(e), model);
        }
    }

    @GetMapping(BASE + "/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        var channel = channels.get(id);
        return form(channel, ChannelForm.of(channel), Map.of(), model);
    }

    @PostMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, ChannelForm form, Model model, RedirectAttributes redirect) {
        var channel = channels.get(id);
        var problems = form.problems();
        if (!problems.isEmpty()) {
            return form(channel, form, problems, model);
        }
        try {
            var saved = channels.update(id, form.toInput());
            redirect.addFlashAttribute("notice", "Channel %s saved.".formatted(saved.channel().name()));
            redirect.addFlashAttribute("shownSecret", saved.secret());
            redirect.addFlashAttribute("shownSecretChannel", saved.channel().name());
            return "redirect:" + BASE;
        } catch (InvalidInputException | ConflictException e) {
            return form(channel, form, FormErrors.of(e), model);
        }
    }

    @PostMapping(BASE + "/{id}/delete")
    @RequiresRole(Role.ADMIN)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var channel = channels.get(id);
        channels.delete(id);
        redirect.addFlashAttribute("notice", "Channel %s deleted.".formatted(channel.name()));
        return "redirect:" + BASE;
    }

    /** Queues a test message and shows the channel's deliveries, where it is seen going out (or failing). */
    @PostMapping(BASE + "/{id}/test")
    @RequiresRole(Role.OPERATOR)
    String test(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        var channel = channels.get(id);
        channels.test(id, principal.getName());
        redirect.addFlashAttribute("notice", "Test message queued for %s: it is listed below as it goes out."
                .formatted(channel.name()));
        return "redirect:" + DELIVERIES + "?channel=" + id;
    }

    /** The delivery log: failed deliveries first, then newest first, filtered by channel and status. */
    @GetMapping(DELIVERIES)
    @RequiresRole(Role.VIEWER)
    String deliveries(@RequestParam(required = false) String channel, @RequestParam(required = false) String status,
            @RequestParam(required = false) String page, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var channelId = blank(channel) ? null : Ids.parseOrNull(channel.strip());
        if (!blank(channel) && channelId == null) {
            errors.put("channel", "'%s' is not a channel id".formatted(channel));
        }
        DeliveryStatus wanted = null;
        if (!blank(status)) {
            try {
                wanted = DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("status", "unknown status '%s'".formatted(status));
            }
        }
        var pageNumber = 0;
        if (!blank(page)) {
            try {
                pageNumber = Math.max(0, Integer.parseInt(page.strip()));
            } catch (NumberFormatException e) {
                errors.put("page", "must be a whole number");
            }
        }
        var names = new LinkedHashMap<String, String>();
        channels.list().forEach(c -> names.put(c.id().toString(), c.name()));
        var query = UriComponentsBuilder.fromPath(DELIVERIES);
        if (channelId != null) {
            query.queryParam("channel", channelId);
        }
        if (wanted != null) {
            query.queryParam("status", wanted.name().toLowerCase(Locale.ROOT));
        }
        var base = query.build().toUriString();
        model.addAttribute("page", notifications.log(channelId, wanted,
                new PageRequest(pageNumber, PageRequest.DEFAULT_SIZE)));
        model.addAttribute("channelNames", names);
        model.addAttribute("channel", channelId == null ? null : channelId.toString());
        model.addAttribute("status", wanted == null ? null : wanted.name());
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("pagerBase", base + (base.contains("?") ? "&" : "?"));
        model.addAttribute("errors", errors);
        return "alerting/deliveries";
    }

    @GetMapping(DELIVERIES + "/{id}")
    @RequiresRole(Role.VIEWER)
    String delivery(@PathVariable UUID id, Model model) {
        var detail = notifications.get(id);
        var names = new LinkedHashMap<String, String>();
        channels.list().forEach(c -> names.put(c.id().toString(), c.name()));
        model.addAttribute("detail", detail);
        model.addAttribute("channelName", names.get(detail.delivery().channelId().toString()));
        return "alerting/delivery";
    }

    /** Sends a FAILED delivery again; one that is not failed (any more) is left alone with a word why. */
    @PostMapping(DELIVERIES + "/{id}/retry")
    @RequiresRole(Role.OPERATOR)
    String retry(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            notifications.retry(id);
            redirect.addFlashAttribute("notice", "Delivery queued again with a fresh set of tries.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("notice", e.getMessage() + ".");
        }
        return "redirect:" + DELIVERIES + "/" + id;
    }

    private String form(Channel channel, ChannelForm form, Map<String, String> errors, Model model) {
        model.addAttribute("channel", channel);
        model.addAttribute("form", form.withoutSecrets());
        var kind = channel != null ? channel.kind() : kind(form.kind());
        var kindLabel = ChannelRow.kindLabel(kind);
        model.addAttribute("kindLabel", kindLabel);
        // Worked out here: the layout's title is a fragment argument, where Thymeleaf refuses most expressions.
        var noun = kind == ChannelKind.SLACK || kind == ChannelKind.TEAMS ? kindLabel : kindLabel.toLowerCase(Locale.ROOT);
        model.addAttribute("pageTitle", channel == null ? "New %s channel".formatted(noun) : "Edit " + channel.name());
        model.addAttribute("errors", errors);
        var securities = new LinkedHashMap<String, String>();
        securities.put("starttls", "STARTTLS (port 587)");
        securities.put("tls", "TLS (port 465)");
        securities.put("none", "None (port 25, trusted LAN)");
        model.addAttribute("securities", securities);
        return "alerting/channel-form";
    }

    private static Map<String, String> kinds() {
        var kinds = new LinkedHashMap<String, String>();
        for (var kind : ChannelKind.values()) {
            kinds.put(ChannelForm.key(kind), ChannelRow.kindLabel(kind));
        }
        return kinds;
    }

    private static ChannelKind kind(String text) {
        for (var kind : ChannelKind.values()) {
            if (kind.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return kind;
            }
        }
        return null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
