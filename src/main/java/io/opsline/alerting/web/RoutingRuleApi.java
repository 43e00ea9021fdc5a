package io.opsline.alerting.web;

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
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.routing.RoutingRule;
import io.opsline.alerting.internal.routing.RoutingRules;
import io.opsline.alerting.internal.routing.RoutingTestInput;
import io.opsline.alerting.internal.routing.RoutingVerdict;
import io.opsline.alerting.internal.routing.RuleInput;
import io.opsline.alerting.internal.routing.RuleOrder;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/**
 * Routing rules over REST: admins define and order them; everyone may read them and try a sample
 * alert against them to see which rule takes it and why.
 */
@RestController
class RoutingRuleApi {

    private static final String BASE = "/api/v1/routing-rules";

    private final RoutingRules rules;

    RoutingRuleApi(RoutingRules rules) {
        this.rules = rules;
    }

    /** Every rule in the order they are tried. */
    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    List<RoutingRule> list() {
        return rules.list();
    }

    @GetMapping(BASE + "/{id}")
    @RequiresRole(Role.VIEWER)
    RoutingRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    /** A new rule, tried after all existing ones. */
    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    ResponseEntity<RoutingRule> create(@RequestBody RuleInput input) {
        var rule = rules.create(input);
        return ResponseEntity.created(URI.create(BASE + "/" + rule.id())).body(rule);
    }

    @PutMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    RoutingRule update(@PathVariable UUID id, @RequestBody RuleInput input) {
        return rules.update(id, input);
    }

    @DeleteMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Puts the rules in the order given; it must name every rule once. */
    @PutMapping(BASE + "/order")
    @RequiresRole(Role.ADMIN)
    List<RoutingRule> reorder(@RequestBody RuleOrder order) {
        return rules.reorder(order);
    }

    /** Which rule would take a sample alert, and for every rule which conditions it meets. */
    @PostMapping(BASE + "/test")
    @RequiresRole(Role.VIEWER)
    RoutingVerdict test(@RequestBody RoutingTestInput input) {
        return rules.test(input);
    }
}
