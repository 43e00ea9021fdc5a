package io.opsline.alerting.internal.oncall;

/** Who takes over and when, as instants (2026-03-02T08:00:00Z). */
public record OverrideInput(String userId, String from, String to) {
}
