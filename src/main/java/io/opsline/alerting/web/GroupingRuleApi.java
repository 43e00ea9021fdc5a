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

import io.opsline.alerting.internal.correlate.GroupingRule;
import io.opsline.alerting.internal.correlate.GroupingRuleInput;
import io.opsline.alerting.internal.correlate.GroupingRules;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/**
 * Grouping rules over REST. Everyone may read them; admins change them, as a rule decides which
 * alerts page people as one.
 */
@RestController
class GroupingRuleApi {

    private final GroupingRules rules;

    GroupingRuleApi(GroupingRules rules) {
        this.rules = rules;
    }

    /** The order a new rule list is to have: every rule's id, once. */
    record Order(List<UUID> ids) {
    }

    /** Every rule, in the order they are tried. */
    @GetMapping("/api/v1/grouping-rules")
    @RequiresRole(Role.VIEWER)
    List<GroupingRule> list() {
        return rules.list();
    }

    @GetMapping("/api/v1/grouping-rules/{id}")
    @RequiresRole(Role.VIEWER)
    GroupingRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    /** Creates a rule, tried after the existing ones. */
    @PostMapping("/api/v1/grouping-rules")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<GroupingRule> create(@RequestBody GroupingRuleInput input) {
        var created = rules.create(input);
        return ResponseEntity.created(URI.create("/api/v1/grouping-rules/" + created.id())).body(created);
    }

    /** Replaces a rule; send the version last read (an older one is a conflict, 409). */
    @PutMapping("/api/v1/grouping-rules/{id}")
    @RequiresRole(Role.ADMIN)
    GroupingRule update(@PathVariable UUID id, @RequestBody GroupingRuleInput input) {
        return rules.update(id, input);
    }

    @DeleteMapping("/api/v1/grouping-rules/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Puts the rules in the order given; answers with them in that order. */
    @PutMapping("/api/v1/grouping-rules/order")
    @RequiresRole(Role.ADMIN)
    List<GroupingRule> reorder(@RequestBody Order order) {
        return rules.reorder(order.ids());
    }
}
