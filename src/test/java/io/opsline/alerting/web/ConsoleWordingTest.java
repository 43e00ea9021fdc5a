package io.opsline.alerting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.internal.BulkResult;
import io.opsline.alerting.internal.BulkResult.Outcome;

/** The words the console uses for ages and for what a bulk action did. */
class ConsoleWordingTest {

    private static final Instant NOW = Instant.parse("2026-03-29T12:00:00Z");

    @Test
    void agesAreCoarseAfterTheFirstMinute() {
        assertThat(AlertRow.ago(NOW, NOW)).isEqualTo("0 s ago");
        assertThat(AlertRow.ago(NOW.plusSeconds(5), NOW)).as("a clock a little ahead").isEqualTo("0 s ago");
        assertThat(AlertRow.ago(NOW.minusSeconds(59), NOW)).isEqualTo("59 s ago");
        assertThat(AlertRow.ago(NOW.minusSeconds(3 * 60 + 59), NOW)).isEqualTo("3 min ago");
        assertThat(AlertRow.ago(NOW.minusSeconds(47 * 3600), NOW)).isEqualTo("47 h ago");
        assertThat(AlertRow.ago(NOW.minusSeconds(5 * 86_400), NOW)).isEqualTo("5 d ago");
    }

    @Test
    void theOutcomeCountsChangesFirstThenEachReasonForNone() {
        var result = new BulkResult(List.of(item(Outcome.ACKNOWLEDGED), item(Outcome.ACKNOWLEDGED),
                item(Outcome.ALREADY_RESOLVED), item(Outcome.ALREADY_RESOLVED), item(Outcome.ALREADY_ACKNOWLEDGED)));

        assertThat(AlertPages.title(result, "acknowledged", 0))
                .isEqualTo("2 acknowledged, 1 was already acknowledged, 2 were already resolved.");
        assertThat(AlertPages.title(new BulkResult(List.of()), "resolved", 2))
                .isEqualTo("0 resolved, 2 were not an alert id.");
    }

    private static BulkResult.Item item(Outcome outcome) {
        return new BulkResult.Item(UUID.randomUUID(), outcome, "db-1 is down");
    }
}
