package io.opsline.metrics.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/**
 * The metrics pages: exploring series in charts, and a CI's charts as a card its page loads. The
 * charts are drawn in the browser from the Prometheus API, so these pages only lay them out.
 */
@Controller
class MetricsPages {

    static final String EXPLORE = "/metrics/explore";

    /** What to draw comes in the address ({@code query}, {@code range} or {@code from}/{@code to}), read by js/metrics-explore.js. */
    @GetMapping(EXPLORE)
    @RequiresRole(Role.VIEWER)
    String explore() {
        return "metrics/explore";
    }

    /** A CI's metrics as a card: a fragment the CI's page loads, so that inventory needs only its address. */
    @GetMapping("/metrics/ci/{id}")
    @RequiresRole(Role.VIEWER)
    String ciMetrics(@PathVariable UUID id, Model model) {
        model.addAttribute("ciId", id);
        return "metrics/ci-metrics :: metrics";
    }
}
