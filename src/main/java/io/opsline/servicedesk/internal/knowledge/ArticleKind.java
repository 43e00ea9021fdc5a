package io.opsline.servicedesk.internal.knowledge;

import io.opsline.platform.Choice;

/** What an article is: background to read, or a runbook (standard operating procedure) to follow. */
public enum ArticleKind implements Choice {
    ARTICLE, RUNBOOK
}
