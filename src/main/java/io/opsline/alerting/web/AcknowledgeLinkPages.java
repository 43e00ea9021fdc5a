package io.opsline.alerting.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import io.opsline.alerting.internal.escalate.Escalations;

/**
 * The acknowledge link in every page Opsline sends: whoever holds the link may acknowledge that
 * alert group without signing in, as the link itself is the secret (random, kept only as a hash).
 * Opening it only shows what it is about; acknowledging takes a button, because mail scanners
 * and link previews open links on their own.
 */
@Controller
class AcknowledgeLinkPages {

    private final Escalations escalations;

    AcknowledgeLinkPages(Escalations escalations) {
        this.escalations = escalations;
    }

    @GetMapping("/ack/{token}")
    String show(@PathVariable String token, Model model) {
        var target = escalations.link(token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such acknowledge link"));
        model.addAttribute("target", target);
        model.addAttribute("token", token);
        return "alerting/acknowledge";
    }

    /** Acknowledges, then shows the group as it is now (nothing firing). */
    @PostMapping("/ack/{token}")
    String acknowledge(@PathVariable String token, Model model) {
        model.addAttribute("acknowledged", escalations.acknowledgeByLink(token));
        return show(token, model);
    }
}
