package io.opsline.servicedesk.internal.knowledge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;

/**
 * Writes knowledge articles and runbooks. Every save is a new version, kept with who saved it and
 * when; a save based on a version someone else has already replaced is refused, so nothing is lost.
 */
@Service
public class Articles {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 100_000;
    static final int MAX_LINKS = 50;
    public static final int MAX_SOURCE = 100;
    static final int MAX_PATTERN = 200;

    private final ArticleRepository articles;
    private final AuditLog audit;

    Articles(ArticleRepository articles, AuditLog audit) {
        this.articles = articles;
        this.audit = audit;
    }

    public Article get(UUID id) {
        return articles.find(id).orElseThrow(() -> new NotFoundException("Article", id));
    }

    public Page<Article> search(String text, ArticleKind kind, PageRequest page) {
        return articles.search(text, kind, page);
    }

    /** Every saved version, newest first. */
    public List<ArticleVersion> versions(UUID id) {
        get(id);
        return articles.versions(id);
    }

    public ArticleVersion version(UUID id, int version) {
        return articles.version(id, version)
                .orElseThrow(() -> new NotFoundException("Version " + version + " of article", id));
    }

    @Transactional
    public Article create(ArticleInput input, String actor) {
        var now = Jdbc.now();
        var article = valid(input, Ids.newId(), 1, actor, now, actor, now);
        articles.insert(article);
        audit.record(new AuditEntry("article.create", "article", article.id().toString(),
                "Wrote " + article.kind().label().toLowerCase() + " '" + article.title() + "'", null, article));
        return article;
    }

    /** Saves a new version on top of {@code input.version()}; the fields given replace the old ones. */
    @Transactional
    public Article update(UUID id, ArticleInput input, String actor) {
        var before = get(id);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version of the article the edit is based on"
                    + " (now " + before.version() + ")");
        }
        if (input.version() != before.version()) {
            throw conflict(before);
        }
        var after = valid(input, id, before.version() + 1, before.createdBy(), before.createdAt(), actor, Jdbc.now());
        if (!articles.update(after)) {
            throw conflict(get(id));
        }
        audit.record(new AuditEntry("article.update", "article", id.toString(),
                "Saved version " + after.version() + " of '" + after.title() + "'", before, after));
        return after;
    }

    private static ConflictException conflict(Article current) {
        return ConflictException.onField("version", "'" + current.title() + "' was saved by someone else meanwhile"
                + " (it is at version " + current.version() + "); reload it, check their change and try again");
    }

    private static Article valid(ArticleInput input, UUID id, int version, String createdBy,
            Instant createdAt, String actor, Instant now) {
        var violations = new Violations();
        var title = violations.required("title", input.title(), MAX_TITLE);
        var kind = input.kind() == null || input.kind().isBlank() ? ArticleKind.ARTICLE
                : violations.optionalChoice("kind", input.kind(), ArticleKind.class);
        var body = violations.required("body", input.body(), MAX_BODY);
        var ciClasses = choices("ciClasses", input.ciClasses(), CiClass.class, violations);
        var checkTypes = choices("checkTypes", input.checkTypes(), CheckType.class, violations);
        var rules = rules(input.alertRules(), violations);
        violations.throwIfAny("Invalid article");
        return new Article(id, title, kind, body, version, createdBy, createdAt, actor, now, ciClasses, checkTypes,
                rules);
    }

    private static <E extends Enum<E> & Choice> List<E> choices(String field, List<String> keys, Class<E> type,
            Violations violations) {
        if (keys == null) {
            return List.of();
        }
        if (keys.size() > MAX_LINKS) {
            violations.add(field, "at most " + MAX_LINKS);
            return List.of();
        }
        var found = new LinkedHashSet<E>();
        for (var i = 0; i < keys.size(); i++) {
            var key = keys.get(i);
            var choice = Choice.parse(type, key).orElse(null);
            if (choice == null) {
                violations.add(field + "[" + i + "]", "'" + key + "' is not one of " + Choice.keys(type));
            } else {
                found.add(choice);
            }
        }
        return List.copyOf(found);
    }

    private static List<AlertRule> rules(List<AlertRule> given, Violations violations) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_LINKS) {
            violations.add("alertRules", "at most " + MAX_LINKS);
            return List.of();
        }
        var rules = new ArrayList<AlertRule>();
        for (var i = 0; i < given.size(); i++) {
            var rule = given.get(i);
            var field = "alertRules[" + i + "]";
            if (rule == null) {
                violations.add(field + ".source", "is required");
                continue;
            }
            var source = violations.required(field + ".source", rule.source(), MAX_SOURCE);
            var pattern = violations.optional(field + ".dedupKey", rule.dedupKey(), MAX_PATTERN);
            if (source != null) {
                rules.add(new AlertRule(source.toLowerCase(), pattern));
            }
        }
        return rules;
    }
}
