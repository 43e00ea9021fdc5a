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
import io.opsline.monitoring.internal.template.CheckTemplates;
import io.opsline.monitoring.internal.template.TemplateInput;
import io.opsline.monitoring.internal.template.TemplatePreview;
import io.opsline.monitoring.internal.template.TemplateView;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/**
 * Check templates over REST: a check that every CI of a class with given tags gets. Saving one
 * answers with what applying it did ({@code applied}); its checks can only be changed through it.
 */
@RestController
@RequestMapping("/api/v1/check-templates")
class CheckTemplateApi {

    private final CheckTemplates templates;

    CheckTemplateApi(CheckTemplates templates) {
        this.templates = templates;
    }

    /** Lists templates, optionally those for one CI class. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<TemplateView> list(@RequestParam(name = "class", required = false) String ciClass,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return templates.search(ciClass, PageRequest.of(page, size));
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<TemplateView> create(@RequestBody TemplateInput input) {
        var created = templates.create(input);
        return ResponseEntity.created(URI.create("/api/v1/check-templates/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    TemplateView get(@PathVariable UUID id) {
        return templates.get(id);
    }

    /** Replaces a template and brings its checks in line; send the version last read. */
    @PutMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    TemplateView update(@PathVariable UUID id, @RequestBody TemplateInput input) {
        return templates.update(id, input);
    }

    /** Deletes a template and every check created from it. */
    @DeleteMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        templates.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Which CIs the template matches and what applying it now would do, without doing it. */
    @GetMapping("/{id}/preview")
    @RequiresRole(Role.VIEWER)
    TemplatePreview preview(@PathVariable UUID id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return templates.preview(id, PageRequest.of(page, size));
    }
}
