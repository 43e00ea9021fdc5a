package io.opsline.metrics.web;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.metrics.internal.scrape.ScrapeTargetInput;
import io.opsline.metrics.internal.scrape.ScrapeTargets;

/** Prometheus scrape targets over REST: everyone signed in reads them and their health; admins configure them. */
@RestController
@RequestMapping("/api/v1/scrape-targets")
class ScrapeTargetApi {

    private final ScrapeTargets targets;

    ScrapeTargetApi(ScrapeTargets targets) {
        this.targets = targets;
    }

    /** Every target, problems first. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<ScrapeTargetJson> list() {
        return targets.list().stream().map(ScrapeTargetJson::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    ScrapeTargetJson get(@PathVariable UUID id) {
        return ScrapeTargetJson.of(targets.get(id));
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<ScrapeTargetJson> create(@RequestBody ScrapeTargetInput input) {
        var created = targets.create(input);
        return ResponseEntity.created(URI.create("/api/v1/scrape-targets/" + created.id()))
                .body(ScrapeTargetJson.of(created));
    }

    /** Changes a target; {@code version} must be the one read (else 409). */
    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ScrapeTargetJson update(@PathVariable UUID id, @RequestBody ScrapeTargetInput input) {
        return ScrapeTargetJson.of(targets.update(id, input));
    }

    /** Deletes a target; with {@code version}, only if it is still that version (else 409). */
    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestParam(required = false) Long version) {
        targets.delete(id, version);
        return ResponseEntity.noContent().build();
    }
}
