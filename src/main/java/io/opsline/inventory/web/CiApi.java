package io.opsline.inventory.web;

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
import io.opsline.inventory.internal.CiInput;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.ImpactAnalysis;
import io.opsline.inventory.internal.ImpactResult;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Configuration items over REST. */
@RestController
@RequestMapping("/api/v1/cis")
class CiApi {

    private final CiManagement cis;
    private final ImpactAnalysis impact;

    CiApi(CiManagement cis, ImpactAnalysis impact) {
        this.cis = cis;
        this.impact = impact;
    }

    /**
     * Lists CIs, filtered and paged. {@code q} searches name, external id, addresses, tags,
     * location, vendor, model, serial and attribute values; {@code team} is a team name or id.
     */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<CiView> list(ListFilter filter, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return cis.search(filter.toFilter(), PageRequest.of(page, size));
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<CiView> create(@RequestBody CiInput input) {
        var created = cis.create(input);
        return ResponseEntity.created(URI.create("/api/v1/cis/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    CiView get(@PathVariable UUID id) {
        return cis.get(id);
    }

    /** Replaces the CI's content; send the {@code version} you read, a stale one gets 409. */
    @PutMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    CiView update(@PathVariable UUID id, @RequestBody CiInput input) {
        return cis.update(id, input);
    }

    /** Deletes the CI and every relationship touching it. */
    @DeleteMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        cis.delete(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * What this CI's failure affects ({@code direction=impacted}, the default) or what it needs
     * ({@code direction=dependencies}), transitively, with each CI's distance and first path.
     */
    @GetMapping("/{id}/impact")
    @RequiresRole(Role.VIEWER)
    ImpactResult impact(@PathVariable UUID id, @RequestParam(defaultValue = "impacted") String direction,
            @RequestParam(defaultValue = "0") int maxDepth, @RequestParam(defaultValue = "false") boolean edges) {
        return impact.analyse(id, ImpactDirections.parse(direction), maxDepth, edges);
    }

    /** Parses the {@code direction} parameter. */
    static final class ImpactDirections {

        private ImpactDirections() {
        }

        static ImpactResult.Direction parse(String text) {
            for (var direction : ImpactResult.Direction.values()) {
                if (direction.key().equalsIgnoreCase(text.strip())) {
                    return direction;
                }
            }
            throw InvalidInputException.of("direction", "must be impacted or dependencies");
        }
    }
}
