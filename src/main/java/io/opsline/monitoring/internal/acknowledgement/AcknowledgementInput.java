package io.opsline.monitoring.internal.acknowledgement;

/**
 * An acknowledgement as a client sends it.
 *
 * @param sticky last until the check recovers, not only until its state changes; false if left out
 * @param expiresAt optional end, ISO-8601 with an offset ({@code 2026-03-29T18:00:00+02:00})
 */
public record AcknowledgementInput(String comment, Boolean sticky, String expiresAt) {
}
