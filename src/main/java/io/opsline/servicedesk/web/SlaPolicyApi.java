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
import io.opsline.servicedesk.internal.sla.PolicyInput;
import io.opsline.servicedesk.internal.sla.SlaPolicies;
import io.opsline.servicedesk.internal.sla.SlaPolicy;

/**
 * SLA policies over REST: response and resolution targets per priority, optionally per business
 * service. Everyone on the desk reads them; admins keep them.
 */
@RestController
@RequestMapping("/api/v1/sla-policies")
class SlaPolicyApi {

    private final SlaPolicies policies;

    SlaPolicyApi(SlaPolicies policies) {
        this.policies = policies;
    }

    /** By priority, the general policy before those for services. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<SlaPolicy> list() {
        return policies.list();
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    SlaPolicy get(@PathVariable UUID id) {
        return policies.get(id);
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<SlaPolicy> create(@RequestBody PolicyInput input) {
        var policy = policies.create(input);
        return ResponseEntity.created(URI.create("/api/v1/sla-policies/" + policy.id())).body(policy);
    }

    /** Replaces the policy; {@code version} must be the one read (else 409). Clocks already chosen keep their targets. */
    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    SlaPolicy update(@PathVariable UUID id, @RequestBody PolicyInput input) {
        return policies.update(id, input);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }
}
