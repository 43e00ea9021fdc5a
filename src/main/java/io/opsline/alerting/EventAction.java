package io.opsline.alerting;

/** What an event asks of the alert its fingerprint names (PagerDuty's event actions). */
public enum EventAction {
    /** Something is wrong: open an alert, or count one more occurrence of the open one. */
    TRIGGER,
    /** Someone is on it (sent by a tool that knows). */
    ACKNOWLEDGE,
    /** It is over. */
    RESOLVE
}
