package io.opsline.alerting.internal;

import java.util.UUID;

import io.opsline.alerting.Event;

/**
 * An event the intake has accepted and prepared: its fingerprint, a digest of what it says (see
 * {@link Fingerprints#content}), and the CI it is about when one matched (else the sender's hints in
 * words, for the alert to show). Both digests are made on the sender's thread, not the intake's.
 */
record Arrival(Event event, String fingerprint, String contentHash, UUID ciId, String ciHint) {
}
