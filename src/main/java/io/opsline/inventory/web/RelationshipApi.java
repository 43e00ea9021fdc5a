package io.opsline.inventory.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.inventory.internal.RelationshipInput;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.inventory.internal.RelationshipView;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Relationships between CIs over REST. */
@RestController
@RequestMapping("/api/v1/relationships")
class RelationshipApi {

    private final RelationshipManagement relationships;

    RelationshipApi(RelationshipManagement relationships) {
        this.relationships = relationships;
    }

    /** Lists relationships, optionally those touching one CI ({@code ci}) or of one type. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<RelationshipView> list(@RequestParam(required = false) String ci,
            @RequestParam(required = false) String type, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return relationships.search(ci, type, PageRequest.of(page, size));
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<RelationshipView> create(@RequestBody RelationshipInput input) {
        var created = relationships.create(input);
        return ResponseEntity.created(URI.create("/api/v1/relationships/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    RelationshipView get(@PathVariable UUID id) {
        return relationships.get(id);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        relationships.delete(id);
        return ResponseEntity.noContent().build();
    }
}
