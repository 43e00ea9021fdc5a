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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.opsline.alerting.internal.CreatedIntegration;
import io.opsline.alerting.internal.Integration;
import io.opsline.alerting.internal.IntegrationInput;
import io.opsline.alerting.internal.Integrations;
import io.opsline.alerting.internal.intake.ExternalIntake;
import io.opsline.alerting.internal.intake.IntakeTraffic;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/**
 * Integrations over REST: the keys external senders use. Admins only, as an integration key
 * lets its holder raise and resolve alerts.
 */
@RestController
@RequiresRole(Role.ADMIN)
class IntegrationApi {

    private final Integrations integrations;
    private final ExternalIntake intake;

    IntegrationApi(Integrations integrations, ExternalIntake intake) {
        this.integrations = integrations;
        this.intake = intake;
    }

    /** An integration with what its sender sent to this node: a flood or a broken sender shows here. */
    record IntegrationView(@JsonUnwrapped Integration integration, IntakeTraffic traffic) {
    }

    @GetMapping("/api/v1/alert-integrations")
    List<IntegrationView> list() {
        return integrations.list().stream().map(this::view).toList();
    }

    @GetMapping("/api/v1/alert-integrations/{id}")
    IntegrationView get(@PathVariable UUID id) {
        return view(integrations.get(id));
    }

    private IntegrationView view(Integration integration) {
        return new IntegrationView(integration, intake.traffic(integration.id()));
    }

    /** Creates an integration; the answer holds its key, which is never shown again. */
    @PostMapping("/api/v1/alert-integrations")
    ResponseEntity<CreatedIntegration> create(@RequestBody IntegrationInput input, Principal principal) {
        var created = integrations.create(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/alert-integrations/" + created.integration().id()))
                .body(created);
    }

    /** A new key; the old one stops working at once. */
    @PostMapping("/api/v1/alert-integrations/{id}/key")
    CreatedIntegration rotateKey(@PathVariable UUID id) {
        return integrations.rotateKey(id);
    }

    @DeleteMapping("/api/v1/alert-integrations/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        integrations.delete(id);
        return ResponseEntity.noContent().build();
    }
}
