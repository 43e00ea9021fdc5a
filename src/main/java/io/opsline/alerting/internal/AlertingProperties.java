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
 * @param ciCacheTime how long an answer to "which CI is this host" is reused
 * @param oncallMaxSpan the longest time range of an on-call shifts query and the longest override; also how
 *        far around a moment "who is on call now, who is next" looks
 * @param oncallFeedPast how far back a schedule's calendar feed reaches
 * @param oncallFeedFuture how far ahead a schedule's calendar feed reaches
 * @param routingCacheTime how long routing rules are reused before they are read again; a change made on
 *        this node counts at once, one made on another node within this time
 */
@Validated
@ConfigurationProperties("opsline.alerting")
public record AlertingProperties(
        @DefaultValue("5000") @Min(1) @Max(100_000) int intakeBatch,
        @DefaultValue("20000") @Min(1) @Max(1_000_000) int intakeQueue,
        @DefaultValue("10s") @NotNull Duration intakeWait,
        @DefaultValue("60s") @NotNull Duration ciCacheTime,
        @DefaultValue("93d") @NotNull Duration oncallMaxSpan,
        @DefaultValue("7d") @NotNull Duration oncallFeedPast,
        @DefaultValue("60d") @NotNull Duration oncallFeedFuture,
        @DefaultValue("10s") @NotNull Duration routingCacheTime) {
}
