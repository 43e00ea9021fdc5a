package io.opsline.alerting.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.suppress.SavedSilence;
import io.opsline.alerting.internal.suppress.Silence;
import io.opsline.alerting.internal.suppress.SilenceInput;
import io.opsline.alerting.internal.suppress.SilenceState;
import io.opsline.alerting.internal.suppress.Silences;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.InvalidInputException;

/**
 * Silences over REST, as Alertmanager's: everyday work, so operators create, change and expire them;
 * everyone signed in reads them.
 */
@RestController
@RequestMapping("/api/v1/silences")
class SilenceApi {

    private final Silences silences;

    SilenceApi(Silences silences) {
        this.silences = silences;
    }

    /** Silences, the latest ending first; {@code state} is {@code active}, {@code pending} or {@code expired}. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<Silence> list(@RequestParam(required = false) String state) {
        if (state == null || state.isBlank()) {
            return silences.list(null);
        }
        var parsed = SilenceState.parse(state);
        if (parsed == null) {
            throw InvalidInputException.of("state", "must be one of active, pending, expired");
        }
        return silences.list(parsed);
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    Silence get(@PathVariable UUID id) {
        return silences.get(id);
    }

    /** Creates a silence; the answer says how many open alerts it matches. */
    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<SavedSilence> create(@RequestBody SilenceInput input, Principal principal) {
        var saved = silences.create(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/silences/" + saved.silence().id())).body(saved);
    }

    /** Changes a silence not over yet; {@code version} must be the one read (else 409). */
    @PutMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    SavedSilence update(@PathVariable UUID id, @RequestBody SilenceInput input) {
        return silences.update(id, input);
    }

    /** Ends the silence now: the alerts it suppressed fire again. */
    @PostMapping("/{id}/expire")
    @RequiresRole(Role.OPERATOR)
    Silence expire(@PathVariable UUID id) {
        return silences.expire(id);
    }
}
