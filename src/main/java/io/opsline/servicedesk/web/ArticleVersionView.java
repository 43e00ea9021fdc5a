package io.opsline.servicedesk.web;

import java.time.Instant;
import java.util.UUID;

import io.opsline.servicedesk.internal.knowledge.ArticleKind;
import io.opsline.servicedesk.internal.knowledge.ArticleVersion;
import io.opsline.servicedesk.internal.knowledge.Markdown;

/** A saved version as the API shows it; a history list leaves out the body and its rendering. */
record ArticleVersionView(UUID articleId, int version, String title, ArticleKind kind, String body, String html,
        String appliesTo, String savedBy, Instant savedAt) {

    /** With the body rendered by {@code markdown}, or without the body when {@code markdown} is null. */
    static ArticleVersionView of(ArticleVersion v, Markdown markdown) {
        return new ArticleVersionView(v.articleId(), v.version(), v.title(), v.kind(),
                markdown == null ? null : v.body(), markdown == null ? null : markdown.html(v.body()), v.appliesTo(),
                v.savedBy(), v.savedAt());
    }
}
