package io.opsline.alerting;

/** Where an alert stands. */
public enum AlertStatus {
    /** Something is wrong and nobody has said they are on it. */
    FIRING,
    /** Still wrong, and someone is on it: escalation stops. */
    ACKNOWLEDGED,
    /** Over: the source said so, or a person did. A new trigger opens a new alert. */
    RESOLVED,
    /** Firing, but a silence, maintenance or a parent's alert says nobody is to be told. */
    SUPPRESSED;

    /** Whether the alert is still open (not resolved). */
    public boolean isOpen() {
        return this != RESOLVED;
    }
}
