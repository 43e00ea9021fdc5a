package io.opsline.alerting.web;

import java.net.URI;
import java.security.Principal;
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

import io.opsline.alerting.internal.suppress.InhibitionRule;
import io.opsline.alerting.internal.suppress.InhibitionRuleInput;
import io.opsline.alerting.internal.suppress.InhibitionRules;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/**
 * Inhibition rules over REST: configuration that quietly keeps alerts from everyone, so admins keep
 * them; everyone signed in reads them.
 */
@RestController
@RequestMapping("/api/v1/inhibition-rules")
class InhibitionRuleApi {

    private final InhibitionRules rules;

    InhibitionRuleApi(InhibitionRules rules) {
        this.rules = rules;
    }

    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<InhibitionRule> list() {
        return rules.list();
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    InhibitionRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<InhibitionRule> create(@RequestBody InhibitionRuleInput input, Principal principal) {
        var created = rules.create(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/inhibition-rules/" + created.id())).body(created);
    }

    /** Changes a rule; {@code version} must be the one read (else 409). */
    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    InhibitionRule update(@PathVariable UUID id, @RequestBody InhibitionRuleInput input) {
        return rules.update(id, input);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }
}
