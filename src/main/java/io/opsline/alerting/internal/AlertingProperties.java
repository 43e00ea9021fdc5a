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
 * @param notifyPollInterval how often a node looks for notifications due to be sent (it also looks
 *        at once after one is queued on it)
 * @param notifyConnectTimeout how long connecting to a webhook or SMTP server may take
 * @param notifyReadTimeout how long a webhook or SMTP server may take to answer
 * @param notifyBackoffBase the wait before the first retry of a failed notification; each further
 *        retry waits twice as long
 * @param notifyBackoffCap the longest wait between two tries
 * @param notifyMaxAttempts tries at most before a notification counts as failed
 * @param notifyLease how long a node's claim on a notification it is sending lasts; when it dies
 *        mid-send another node sends it after this (longer than any send may take)
 * @param notifyPerChannel notifications sent to one channel at once at most by one node, so a
 *        slow or hanging endpoint ties up only its own sends
 * @param notifyInFlight notifications sent at once at most by one node
 * @param notifyFailingAfter consecutive failed tries after which a channel counts as failing
 */
@Validated
@ConfigurationProperties("opsline.alerting")
public record AlertingProperties(
        @DefaultValue("5000") @Min(1) @Max(100_000) int intakeBatch,
        @DefaultValue("20000") @Min(1) @Max(1_000_000) int intakeQueue,
        @DefaultValue("10s") @NotNull Duration intakeWait,
        @DefaultValue("60s") @NotNull Duration ciCacheTime,
        @DefaultValue("1s") @NotNull Duration notifyPollInterval,
        @DefaultValue("5s") @NotNull Duration notifyConnectTimeout,
        @DefaultValue("10s") @NotNull Duration notifyReadTimeout,
        @DefaultValue("30s") @NotNull Duration notifyBackoffBase,
        @DefaultValue("30m") @NotNull Duration notifyBackoffCap,
        @DefaultValue("8") @Min(1) @Max(100) int notifyMaxAttempts,
        @DefaultValue("5m") @NotNull Duration notifyLease,
        @DefaultValue("4") @Min(1) @Max(100) int notifyPerChannel,
        @DefaultValue("64") @Min(1) @Max(10_000) int notifyInFlight,
        @DefaultValue("3") @Min(1) @Max(1000) int notifyFailingAfter) {
}
