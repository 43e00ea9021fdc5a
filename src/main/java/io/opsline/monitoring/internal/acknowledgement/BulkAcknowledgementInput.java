package io.opsline.monitoring.internal.acknowledgement;

import java.util.List;

/** The same acknowledgement for many checks' problems at once, as from a selection on a status board. */
public record BulkAcknowledgementInput(List<String> checkIds, String comment, Boolean sticky, String expiresAt) {
}
