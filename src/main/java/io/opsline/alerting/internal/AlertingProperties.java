package io.opsline.alerting.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How alerting runs.
 *
 * @param intakeBatch events stored in one transaction at most; larger batches carry more events
 *        a second, smaller ones answer each sender sooner
 * @param intakeWorkers batches stored at once: while one waits for the database, another is
 *        prepared; batches that name the same alert take turns on its row lock
 * @param intakeQueue requests waiting to be stored at most; a sender arriving when this many wait
 *        is told to come back (503 with Retry-After) rather than kept waiting without end
 * @param intakeWait how long a sender's request waits for its events to be stored before it is
 *        answered 503 (its events may still be stored; a retry only counts one more occurrence)
 * @param ciCacheTime how long an answer to "which CI is this host" is reused (and "what does this CI
 *        depend on", for correlation)
 * @param intakeRate events a second one integration may send to one node, on average; more are
 *        answered 429 with Retry-After (so one flooding sender cannot crowd out the others)
 * @param intakeBurst events one integration may send at once after a quiet spell
 * @param intakeMaxBody the largest request body the external intake reads; larger ones get 413
 * @param earlyResolveMemory how long a RESOLVE that found no open alert is remembered, so that its
 *        problem's TRIGGER arriving after it (parallel listeners, retrying senders) opens nothing
 * @param suppressionRefresh how often each node rereads silences, maintenance windows and inhibition
 *        rules (other nodes may have changed them) and re-decides which open alerts are suppressed
 * @param suppressionGrace how long an event's own word suppresses its alert ({@code in_downtime} without
 *        a known maintenance window on its CI, {@code caused_by_ci} while that CI has no open alert):
 *        the window's or the cause's own event may arrive moments later
 * @param silenceMaxDuration the longest a silence may last
 * @param maintenanceHistory how long ended maintenance windows are still listed
 * @param oncallMaxSpan the longest time range of an on-call shifts query and the longest override; also how
 *        far around a moment "who is on call now, who is next" looks
 * @param oncallFeedPast how far back a schedule's calendar feed reaches
 * @param oncallFeedFuture how far ahead a schedule's calendar feed reaches
 * @param routingCacheTime how long routing rules are reused before they are read again; a change made on
 *        this node counts at once, one made on another node within this time
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
 * @param groupingWindow the window of a grouping rule that names none: an alert joins the open group
 *        of its key when it comes within this time of the group's last alert
 * @param topologyWindow how close in time an alert must come to an open group's last alert to join
 *        it because their CIs are related
 * @param topologyDepth how many relationships up or down correlation follows from an alert's CI
 * @param escalationPoll how often each node looks for due escalation steps; the most a page waits
 *        before it is queued (a group is routed in the transaction that opens it)
 * @param publicUrl the address people reach Opsline at, for the links in the messages it sends
 */
@Validated
@ConfigurationProperties("opsline.alerting")
public record AlertingProperties(
        @DefaultValue("5000") @Min(1) @Max(100_000) int intakeBatch,
        @DefaultValue("2") @Min(1) @Max(16) int intakeWorkers,
        @DefaultValue("20000") @Min(1) @Max(1_000_000) int intakeQueue,
        @DefaultValue("10s") @NotNull Duration intakeWait,
        @DefaultValue("60s") @NotNull Duration ciCacheTime,
        @DefaultValue("5000") @Min(1) @Max(10_000_000) int intakeRate,
        @DefaultValue("20000") @Min(1) @Max(10_000_000) int intakeBurst,
        @DefaultValue("1MB") @NotNull DataSize intakeMaxBody,
        @DefaultValue("15m") @NotNull Duration earlyResolveMemory,
        @DefaultValue("30s") @NotNull Duration suppressionRefresh,
        @DefaultValue("2m") @NotNull Duration suppressionGrace,
        @DefaultValue("365d") @NotNull Duration silenceMaxDuration,
        @DefaultValue("7d") @NotNull Duration maintenanceHistory,
        @DefaultValue("93d") @NotNull Duration oncallMaxSpan,
        @DefaultValue("7d") @NotNull Duration oncallFeedPast,
        @DefaultValue("60d") @NotNull Duration oncallFeedFuture,
        @DefaultValue("10s") @NotNull Duration routingCacheTime,
        @DefaultValue("1s") @NotNull Duration notifyPollInterval,
        @DefaultValue("5s") @NotNull Duration notifyConnectTimeout,
        @DefaultValue("10s") @NotNull Duration notifyReadTimeout,
        @DefaultValue("30s") @NotNull Duration notifyBackoffBase,
        @DefaultValue("30m") @NotNull Duration notifyBackoffCap,
        @DefaultValue("8") @Min(1) @Max(100) int notifyMaxAttempts,
        @DefaultValue("5m") @NotNull Duration notifyLease,
        @DefaultValue("4") @Min(1) @Max(100) int notifyPerChannel,
        @DefaultValue("64") @Min(1) @Max(10_000) int notifyInFlight,
        @DefaultValue("3") @Min(1) @Max(1000) int notifyFailingAfter,
        @DefaultValue("5m") @NotNull Duration groupingWindow,
        @DefaultValue("10m") @NotNull Duration topologyWindow,
        @DefaultValue("3") @Min(1) @Max(20) int topologyDepth,
        @DefaultValue("250ms") @NotNull Duration escalationPoll,
        @DefaultValue("http://localhost:8080") @NotNull URI publicUrl) {
}
