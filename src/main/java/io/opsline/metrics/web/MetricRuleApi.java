package io.opsline.metrics.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.metrics.internal.rules.MetricRule;
import io.opsline.metrics.internal.rules.MetricRuleInput;
import io.opsline.metrics.internal.rules.MetricRules;
import io.opsline.metrics.internal.rules.SeriesState;

/** Threshold rules on metrics over REST: admins keep them, everyone signed in reads them and their series' states. */
@RestController
@RequestMapping(MetricRuleApi.BASE)
class MetricRuleApi {

    static final String BASE = "/api/v1/metric-rules";

    private final MetricRules rules;

    MetricRuleApi(MetricRules rules) {
        this.rules = rules;
    }

    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<MetricRule> list() {
        return rules.list();
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    MetricRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    /** The rule's pending and firing series; a series not listed is inactive. */
    @GetMapping("/{id}/states")
    @RequiresRole(Role.VIEWER)
    List<SeriesStateView> states(@PathVariable UUID id) {
        rules.get(id);
        return rules.states(id).stream().map(SeriesStateView::of).toList();
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<MetricRule> create(@RequestBody MetricRuleInput input, Principal principal) {
        var created = rules.create(input, principal.getName());
        return ResponseEntity.created(URI.create(BASE + "/" + created.id())).body(created);
    }

    /** Changes a rule; {@code version} must be the one read (else 409). */
    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    MetricRule update(@PathVariable UUID id, @RequestBody MetricRuleInput input) {
        return rules.update(id, input);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** A series' state as clients read it: labels as a map, the phase in lower case. */
    record SeriesStateView(Map<String, String> labels, String state, Instant activeSince, Instant firedAt,
            double value, Instant evaluatedAt) {

        static SeriesStateView of(SeriesState state) {
            return new SeriesStateView(state.labels().toMap(), state.phase().name().toLowerCase(Locale.ROOT),
                    state.activeSince(), state.firedAt(), state.value(), state.evaluatedAt());
        }
    }
}
