package io.opsline.servicedesk.internal.request;

import io.opsline.platform.Choice;

/** What a line of a request's timeline records. People write comments and internal notes; Opsline the rest. */
public enum RequestEntryKind implements Choice {
    CREATED, COMMENT, INTERNAL_NOTE, STATE, APPROVAL, TASK
}
