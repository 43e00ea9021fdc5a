package io.opsline.alerting.internal.notify;

/** What a notification tells about its alert. */
public enum MessageKind {
    TRIGGERED, ESCALATED, ACKNOWLEDGED, RESOLVED, TEST
}
