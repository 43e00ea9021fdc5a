package io.opsline.servicedesk.web;

import java.net.URI;
import java.util.List;
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
import io.opsline.servicedesk.internal.fromalerts.IncidentRuleInput;
import io.opsline.servicedesk.internal.fromalerts.IncidentRuleView;
import io.opsline.servicedesk.internal.fromalerts.IncidentRules;
import io.opsline.servicedesk.internal.fromalerts.RuleMove;

/**
 * The rules that open incidents from alert groups, over REST: admins define and order them, everyone
 * on the desk reads them. The first enabled rule, by position, that a new group's root alert meets
 * opens the incident.
 */
@RestController
@RequestMapping(IncidentRuleApi.BASE)
class IncidentRuleApi {

    static final String BASE = "/api/v1/incident-rules";

    private final IncidentRules rules;

    IncidentRuleApi(IncidentRules rules) {
        this.rules = rules;
    }

    /** Every rule in the order they are tried. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<IncidentRuleView> list() {
        return rules.list();
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    IncidentRuleView get(@PathVariable UUID id) {
        return rules.get(id);
    }

    /** A new rule at {@code position}, or after the last one. */
    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<IncidentRuleView> create(@RequestBody IncidentRuleInput input) {
        var rule = rules.create(input);
        return ResponseEntity.created(URI.create(BASE + "/" + rule.id())).body(rule);
    }

    /** Changes everything but the position; needs the {@code version} read. */
    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    IncidentRuleView update(@PathVariable UUID id, @RequestBody IncidentRuleInput input) {
        return rules.update(id, input);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Moves the rule {@code "direction": "up"|"down"}, or to {@code "position"}; answers every rule in order. */
    @PostMapping("/{id}/move")
    @RequiresRole(Role.ADMIN)
    List<IncidentRuleView> move(@PathVariable UUID id, @RequestBody RuleMove move) {
        return rules.move(id, move);
    }
}
