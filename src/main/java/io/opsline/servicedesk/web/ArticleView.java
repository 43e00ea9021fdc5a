package io.opsline.servicedesk.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;
import io.opsline.servicedesk.internal.knowledge.AlertRule;
import io.opsline.servicedesk.internal.knowledge.Article;
import io.opsline.servicedesk.internal.knowledge.ArticleKind;
import io.opsline.servicedesk.internal.knowledge.Markdown;

/** An article as the API shows it: its Markdown and that Markdown rendered safely. */
record ArticleView(UUID id, String title, ArticleKind kind, String body, String html, int version, String createdBy,
        Instant createdAt, String updatedBy, Instant updatedAt, List<CiClass> ciClasses, List<CheckType> checkTypes,
        List<AlertRule> alertRules) {

    static ArticleView of(Article a, Markdown markdown) {
        return new ArticleView(a.id(), a.title(), a.kind(), a.body(), markdown.html(a.body()), a.version(),
                a.createdBy(), a.createdAt(), a.updatedBy(), a.updatedAt(), a.ciClasses(), a.checkTypes(),
                a.alertRules());
    }
}
