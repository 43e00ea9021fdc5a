package io.opsline.alerting.internal;

import java.util.UUID;

import io.opsline.alerting.Event;

/**
 * An event the intake has accepted and prepared: its fingerprint, and the CI it is about when one
 * matched (else the sender's hints in words, for the alert to show).
 */
record Arrival(Event event, String fingerprint, UUID ciId, String ciHint) {
}
