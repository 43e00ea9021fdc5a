package io.opsline.monitoring.web;

import java.security.Principal;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgement;
import io.opsline.monitoring.internal.acknowledgement.AcknowledgementInput;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.acknowledgement.BulkAcknowledgement;
import io.opsline.monitoring.internal.acknowledgement.BulkAcknowledgementInput;

/** Acknowledging check problems over REST: taking ownership so that nobody else is told again. */
@RestController
class AcknowledgementApi {

    private final Acknowledgements acknowledgements;

    AcknowledgementApi(Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    @GetMapping("/api/v1/checks/{id}/acknowledgement")
    @RequiresRole(Role.VIEWER)
    Acknowledgement get(@PathVariable UUID id) {
        return acknowledgements.get(id);
    }

    /** Acknowledges the check's current problem (409 if it is OK), replacing an acknowledgement it has. */
    @PutMapping("/api/v1/checks/{id}/acknowledgement")
    @RequiresRole(Role.OPERATOR)
    Acknowledgement acknowledge(@PathVariable UUID id, @RequestBody AcknowledgementInput input,
            Principal principal) {
        return acknowledgements.acknowledge(id, input, principal.getName());
    }

    @DeleteMapping("/api/v1/checks/{id}/acknowledgement")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Void> remove(@PathVariable UUID id, Principal principal) {
        acknowledgements.remove(id, principal.getName());
        return ResponseEntity.noContent().build();
    }

    /**
     * Acknowledges many checks' problems at once; says for each check whether it was
     * acknowledged or why not (OK, unknown, already acknowledged).
     */
    @PostMapping("/api/v1/acknowledgements")
    @RequiresRole(Role.OPERATOR)
    BulkAcknowledgement acknowledgeAll(@RequestBody BulkAcknowledgementInput input, Principal principal) {
        return acknowledgements.acknowledgeAll(input, principal.getName());
    }
}
