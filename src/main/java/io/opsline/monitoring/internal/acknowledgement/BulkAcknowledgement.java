package io.opsline.monitoring.internal.acknowledgement;

import java.util.List;

/**
 * What came of acknowledging many checks: for each id given (once), whether it was acknowledged
 * or why not.
 */
public record BulkAcknowledgement(int acknowledged, List<Outcome> results) {

    /** @param reason why it was not acknowledged; null when it was */
    public record Outcome(String checkId, boolean acknowledged, String reason) {
    }
}
