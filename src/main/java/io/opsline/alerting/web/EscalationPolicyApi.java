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

import io.opsline.alerting.internal.oncall.EscalationPolicies;
import io.opsline.alerting.internal.oncall.EscalationPolicy;
import io.opsline.alerting.internal.oncall.EscalationPolicyInput;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.NotFoundException;

/** Escalation policies over REST: everyone may read them, admins define them. */
@RestController
class EscalationPolicyApi {

    private static final String BASE = "/api/v1/escalation-policies";

    private final EscalationPolicies policies;

    EscalationPolicyApi(EscalationPolicies policies) {
        this.policies = policies;
    }

    @GetMapping(BASE)
    @RequiresRole(Role.VIEWER)
    List<EscalationPolicy> list() {
        return policies.list();
    }

    @GetMapping(BASE + "/{id}")
    @RequiresRole(Role.VIEWER)
    EscalationPolicy get(@PathVariable UUID id) {
        return policies.find(id).orElseThrow(() -> new NotFoundException("Escalation policy", id));
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    ResponseEntity<EscalationPolicy> create(@RequestBody EscalationPolicyInput input) {
        var policy = policies.create(input);
        return ResponseEntity.created(URI.create(BASE + "/" + policy.id())).body(policy);
    }

    @PutMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    EscalationPolicy update(@PathVariable UUID id, @RequestBody EscalationPolicyInput input) {
        return policies.update(id, input);
    }

    /** Refused (409) while a routing rule sends alerts to the policy. */
    @DeleteMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }
}
