package io.opsline.alerting.internal.suppress;

/** A silence as created or changed, with how many open alerts it matches now (suppressed or not). */
public record SavedSilence(Silence silence, long matchingOpenAlerts) {
}
