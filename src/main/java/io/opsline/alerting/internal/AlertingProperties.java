package io.opsline.alerting.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How alerting runs.
 *
 * @param intakeBatch events stored in one transaction at most; larger batches carry more events
 *        a second, smaller ones answer each sender sooner
 * @param intakeQueue requests waiting to be stored at most; a sender arriving when this many wait
 *        is told to come back (503 with Retry-After) rather than kept waiting without end
 * @param intakeWait how long a sender's request waits for its events to be stored before it is
 *        answered 503 (its events may still be stored; a retry only counts one more occurrence)
 * @param ciCacheTime how long an answer to "which CI is this host" is reused (and "what does this CI
 *        depend on", for correlation)
 * @param groupingWindow the window of a grouping rule that names none: an alert joins the open group
 *        of its key when it comes within this time of the group's last alert
 * @param topologyWindow how close in time an alert must come to an open group's last alert to join
 *        it because their CIs are related
 * @param topologyDepth how many relationships up or down correlation follows from an alert's CI
 */
@Validated
@ConfigurationProperties("opsline.alerting")
public record AlertingProperties(
        @DefaultValue("5000") @Min(1) @Max(100_000) int intakeBatch,
        @DefaultValue("20000") @Min(1) @Max(1_000_000) int intakeQueue,
        @DefaultValue("10s") @NotNull Duration intakeWait,
        @DefaultValue("60s") @NotNull Duration ciCacheTime,
        @DefaultValue("5m") @NotNull Duration groupingWindow,
        @DefaultValue("10m") @NotNull Duration topologyWindow,
        @DefaultValue("3") @Min(1) @Max(20) int topologyDepth) {
}
