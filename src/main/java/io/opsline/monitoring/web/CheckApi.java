package io.opsline.monitoring.web;

import java.net.URI;
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
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckView;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Checks over REST: what is watched on which configuration item, and how. */
@RestController
@RequestMapping("/api/v1/checks")
class CheckApi {

    private final CheckDefinitions checks;

    CheckApi(CheckDefinitions checks) {
        this.checks = checks;
    }

    /** Lists checks, optionally those of one CI ({@code ci}) or of one type. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<CheckView> list(@RequestParam(required = false) String ci, @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return checks.search(ci, type, PageRequest.of(page, size));
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<CheckView> create(@RequestBody CheckInput input) {
        var created = checks.create(input);
        return ResponseEntity.created(URI.create("/api/v1/checks/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    CheckView get(@PathVariable UUID id) {
        return checks.get(id);
    }

    /** Replaces a check; send the version last read, and secrets as shown to keep them. */
    @PutMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    CheckView update(@PathVariable UUID id, @RequestBody CheckInput input) {
        return checks.update(id, input);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        checks.delete(id);
        return ResponseEntity.noContent().build();
    }
}
