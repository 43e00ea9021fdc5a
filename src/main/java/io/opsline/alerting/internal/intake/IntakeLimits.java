package io.opsline.alerting.internal.intake;

/**
 * How much of a sender's events the intake keeps. Per event, too much is cut rather than refused:
 * the sender is usually a monitoring tool whose rules or templates someone has to change and
 * redeploy, so a refused alert would be lost for hours while a cut one still pages. Only a
 * request with too many events is refused, because the sender can simply send smaller ones.
 */
final class IntakeLimits {

    /** Events (or Alertmanager alerts) in one request; beyond it the whole request is refused. */
    static final int MAX_EVENTS_PER_REQUEST = 1_000;

    /** The summary is one line on a list; longer text belongs in the details. */
    static final int MAX_SUMMARY_LENGTH = 1_000;

    /** Labels per event, and details per event, counted separately; the sender's first ones are kept. */
    static final int MAX_ENTRIES = 100;

    /** A label's or detail's name. */
    static final int MAX_NAME_LENGTH = 200;

    /** A label's or detail's value, a host name, a link. */
    static final int MAX_VALUE_LENGTH = 4_000;

    /**
     * A dedup key is refused, not cut, when longer: cutting could make two problems one. 255 is
     * PagerDuty's own limit, so senders written for PagerDuty fit.
     */
    static final int MAX_DEDUP_KEY_LENGTH = 255;

    /** Problems reported for one request; a sender with a thousand broken alerts needs the first few. */
    static final int MAX_REPORTED_PROBLEMS = 100;

    private IntakeLimits() {
    }
}
