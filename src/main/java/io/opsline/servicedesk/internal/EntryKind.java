package io.opsline.servicedesk.internal;

import io.opsline.platform.Choice;

/** What a timeline entry records. People write comments and work notes; Opsline writes the rest. */
public enum EntryKind implements Choice {

    CREATED, COMMENT, WORK_NOTE, STATE, PRIORITY, ASSIGNMENT, CHANGE, MAJOR, ALERT_LINKED, ALERT_FIRED,
    ALERT_RESOLVED, ALERTS_ALL_RESOLVED, NOTIFICATION, SLA,
    ATTACHMENT
}
