package io.opsline.servicedesk.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.customer.Customers;
import io.opsline.servicedesk.internal.sla.PolicyInput;
import io.opsline.servicedesk.internal.sla.SlaPolicies;
import io.opsline.servicedesk.internal.sla.SlaPolicy;

/**
 * SLA policies over REST: response and resolution targets per priority, optionally per business
 * service or per customer (by id or name; the answer names it). Everyone on the desk reads them;
 * admins keep them.
 */
@RestController
@RequestMapping("/api/v1/sla-policies")
class SlaPolicyApi {

    private final SlaPolicies policies;
    private final Customers customers;

    SlaPolicyApi(SlaPolicies policies, Customers customers) {
        this.policies = policies;
        this.customers = customers;
    }

    /** A policy with the name of the customer it is for. */
    record PolicyView(UUID id, String name, Priority priority, UUID serviceId, Named customer, UUID calendarId,
            Duration responseTarget, Duration resolutionTarget, int warningPercent, Instant createdAt,
            Instant updatedAt, long version) {
    }

    /** By priority, the general policy before those for customers and services. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<PolicyView> list() {
        return views(policies.list());
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    PolicyView get(@PathVariable UUID id) {
        return view(policies.get(id));
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<PolicyView> create(@RequestBody PolicyInput input) {
        var policy = policies.create(input);
        return ResponseEntity.created(URI.create("/api/v1/sla-policies/" + policy.id())).body(view(policy));
    }

    /** Replaces the policy; {@code version} must be the one read (else 409). Clocks already chosen keep their targets. */
    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    PolicyView update(@PathVariable UUID id, @RequestBody PolicyInput input) {
        return view(policies.update(id, input));
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }

    private PolicyView view(SlaPolicy policy) {
        return views(List.of(policy)).getFirst();
    }

    private List<PolicyView> views(List<SlaPolicy> found) {
        var names = customers.names(found.stream().map(SlaPolicy::customerId).filter(Objects::nonNull).toList());
        return found.stream().map(p -> new PolicyView(p.id(), p.name(), p.priority(), p.serviceId(),
                p.customerId() == null ? null : new Named(p.customerId(), names.get(p.customerId())), p.calendarId(),
                p.responseTarget(), p.resolutionTarget(), p.warningPercent(), p.createdAt(), p.updatedAt(),
                p.version())).toList();
    }
}
