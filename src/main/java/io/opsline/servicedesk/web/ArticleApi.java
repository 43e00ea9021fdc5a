package io.opsline.servicedesk.web;

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

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.knowledge.ArticleInput;
import io.opsline.servicedesk.internal.knowledge.ArticleKind;
import io.opsline.servicedesk.internal.knowledge.Articles;
import io.opsline.servicedesk.internal.knowledge.Markdown;
import io.opsline.servicedesk.internal.knowledge.Runbooks;

/**
 * Knowledge articles and runbooks over REST. Everyone on the desk reads them; operators write them.
 * Every save is a new version; an edit carries the {@code version} it was made on, and a stale one
 * is answered 409. {@code html} is the Markdown rendered with raw HTML escaped.
 */
@RestController
@RequestMapping("/api/v1/articles")
class ArticleApi {

    private final Articles articles;
    private final Runbooks runbooks;
    private final Markdown markdown;
    private final Applicable applicable;

    ArticleApi(Articles articles, Runbooks runbooks, Markdown markdown, Applicable applicable) {
        this.articles = articles;
        this.runbooks = runbooks;
        this.markdown = markdown;
        this.applicable = applicable;
    }

    /** Articles by title: {@code q} (words in the title), {@code kind} ({@code article} or {@code runbook}). */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<ArticleView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        var violations = new Violations();
        var chosen = violations.optionalChoice("kind", kind, ArticleKind.class);
        violations.throwIfAny("Invalid article filter");
        return articles.search(q, chosen, PageRequest.of(page, size)).map(a -> ArticleView.of(a, markdown));
    }

    /**
     * What applies where someone is looking: CIs of {@code ciClass}, the CI {@code ci} (its class), a
     * check of {@code checkType}, an alert from {@code alertSource} with {@code dedupKey}. Runbooks first.
     */
    @GetMapping("/applicable")
    @RequiresRole(Role.VIEWER)
    List<ArticleView> applicable(@RequestParam(required = false) String ciClass,
            @RequestParam(required = false) String checkType, @RequestParam(required = false) String alertSource,
            @RequestParam(required = false) String dedupKey, @RequestParam(required = false) String ci) {
        var where = applicable.parse(ciClass, checkType, alertSource, dedupKey, ci);
        return runbooks.applicableTo(where).stream().map(a -> ArticleView.of(a, markdown)).toList();
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<ArticleView> create(@RequestBody ArticleInput input, Principal principal) {
        var article = articles.create(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/articles/" + article.id()))
                .body(ArticleView.of(article, markdown));
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    ArticleView get(@PathVariable UUID id) {
        return ArticleView.of(articles.get(id), markdown);
    }

    /** Saves a new version: every field is replaced by what the request gives. */
    @PutMapping("/{id}")
    @RequiresRole(Role.OPERATOR)
    ArticleView update(@PathVariable UUID id, @RequestBody ArticleInput input, Principal principal) {
        return ArticleView.of(articles.update(id, input, principal.getName()), markdown);
    }

    /** The saved versions, newest first, with who saved them and when. */
    @GetMapping("/{id}/versions")
    @RequiresRole(Role.VIEWER)
    List<ArticleVersionView> versions(@PathVariable UUID id) {
        return articles.versions(id).stream().map(v -> ArticleVersionView.of(v, null)).toList();
    }

    /** One saved version; {@code version} is read here, not bound, so that who may ask is settled first. */
    @GetMapping("/{id}/versions/{version}")
    @RequiresRole(Role.VIEWER)
    ArticleVersionView version(@PathVariable UUID id, @PathVariable String version) {
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Version " + version + " of article", id);
        }
        return ArticleVersionView.of(articles.version(id, number), markdown);
    }
}
