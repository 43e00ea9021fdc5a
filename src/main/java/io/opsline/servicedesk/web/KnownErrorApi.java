package io.opsline.servicedesk.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.problem.KnownError;
import io.opsline.servicedesk.internal.problem.KnownErrors;

/** The known errors that concern an incident: those sharing a CI with it, each with its workaround. */
@RestController
class KnownErrorApi {

    private final Incidents incidents;
    private final KnownErrors knownErrors;

    KnownErrorApi(Incidents incidents, KnownErrors knownErrors) {
        this.incidents = incidents;
        this.knownErrors = knownErrors;
    }

    @GetMapping("/api/v1/incidents/{ref}/known-errors")
    @RequiresRole(Role.VIEWER)
    List<KnownError> forIncident(@PathVariable String ref) {
        return knownErrors.forCis(incidents.get(ref).ciIds());
    }
}
