package io.opsline.servicedesk.internal.knowledge;

import java.time.Instant;
import java.util.UUID;

/** One saved version of an article, as it was then; {@code appliesTo} as people read it. */
public record ArticleVersion(UUID articleId, int version, String title, ArticleKind kind, String body,
        String appliesTo, String savedBy, Instant savedAt) {
}
