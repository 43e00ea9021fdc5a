package io.opsline.alerting.internal.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Sha256;

/**
 * The notification outbox: messages are queued here in the caller's transaction and sent by the
 * {@link DeliveryWorker} of some node once that commits. Nothing else talks to channels.
 */
@Service
public class Notifications {

    private final DeliveryRepository deliveries;
    private final ChannelRepository channels;
    private final ChannelRules rules;
    private final DeliveryWorker worker;
    private final AuditLog audit;

    Notifications(DeliveryRepository deliveries, ChannelRepository channels, ChannelRules rules,
            DeliveryWorker worker, AuditLog audit) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.rules = rules;
        this.worker = worker;
        this.audit = audit;
    }

    /**
     * Queues a message for a channel, in the caller's transaction when there is one (it is sent only
     * if that commits). Queueing a key that exists already adds nothing and leaves the caller's
     * transaction usable.
     *
     * @return false when a delivery with the request's key exists already
     * @throws NotFoundException when the channel does not exist
     * @throws io.opsline.platform.InvalidInputException when a recipient is no e-mail address
     */
    @Transactional
    public boolean enqueue(NotificationRequest request) {
        if (channels.find(request.channelId()).isEmpty()) {
            throw new NotFoundException("Notification channel", request.channelId());
        }
        rules.checkRecipients(request.recipients());
        var queued = deliveries.insert(Ids.newId(), request, Jdbc.now());
        if (queued) {
            wakeWorkerAfterCommit();
        }
        return queued;
    }

    /**
     * Tells every target paged in a thread (each channel, with the recipients it was paged at) that
     * someone is on it or that it is over, as Alertmanager's {@code send_resolved} does: one message
     * of {@code kind} per target that a page of the thread was sent to or is still being sent to,
     * unless its channel wants no follow-ups. It says what that target's first page said, and an
     * e-mail replies to that page. Its key is unique per kind, thread and target, so each target is
     * told once however often, and on however many nodes, this is called. Runs in the caller's
     * transaction, like {@link #enqueue}.
     *
     * @param kind {@link MessageKind#ACKNOWLEDGED} or {@link MessageKind#RESOLVED}
     * @param by who acknowledged or resolved; null when not known
     * @return how many follow-ups were queued now
     */
    @Transactional
    public int followUp(String threadKey, MessageKind kind, String by, Instant at) {
        if (kind != MessageKind.ACKNOWLEDGED && kind != MessageKind.RESOLVED) {
            throw new IllegalArgumentException("a follow-up says ACKNOWLEDGED or RESOLVED, not " + kind);
        }
        var firstPages = new LinkedHashMap<String, Delivery>();
        for (var page : deliveries.pagesToFollowUp(threadKey)) {
            firstPages.putIfAbsent(page.channelId() + ":" + String.join(",", page.recipients()), page);
        }
        var now = Jdbc.now();
        int queued = 0;
        for (var page : firstPages.values()) {
            var key = "follow-up:%s:%s:%s:%s".formatted(kind.name().toLowerCase(Locale.ROOT), threadKey,
                    page.channelId(), Sha256.hex(String.join(",", page.recipients())).substring(0, 16));
            var message = page.message().followedUp(kind, new NotificationMessage.FollowUp(by, at, page.id()));
            if (deliveries.insert(Ids.newId(), new NotificationRequest(key, page.channelId(), page.recipients(),
                    message), now)) {
                queued++;
            }
        }
        if (queued > 0) {
            wakeWorkerAfterCommit();
        }
        return queued;
    }

    /** The delivery queued under a key, if any. */
    public Optional<Delivery> findByKey(String deliveryKey) {
        return deliveries.findByKey(deliveryKey);
    }

    public Page<Delivery> list(UUID channelId, DeliveryStatus status, UUID alertId, PageRequest page) {
        return deliveries.page(channelId, status, alertId, page);
    }

    /** The delivery log as people read it: failed deliveries first, as they need someone; then newest first. */
    public Page<Delivery> log(UUID channelId, DeliveryStatus status, PageRequest page) {
        return deliveries.pageFailedFirst(channelId, status, page);
    }

    public DeliveryDetail get(UUID id) {
        var delivery = deliveries.find(id).orElseThrow(() -> new NotFoundException("Notification delivery", id));
        return new DeliveryDetail(delivery, deliveries.attempts(id));
    }

    /** Sends a FAILED delivery again, with a fresh set of tries. */
    @Transactional
    public DeliveryDetail retry(UUID id) {
        var before = get(id).delivery();
        if (!deliveries.retry(id, Jdbc.now())) {
            throw new ConflictException("Only a FAILED delivery can be retried; this one is " + before.status());
        }
        audit.record(new AuditEntry("notification-delivery.retry", "notification-delivery", id.toString(),
                "Retried the failed delivery of '%s'".formatted(before.message().title()), before.status(),
                DeliveryStatus.PENDING));
        wakeWorkerAfterCommit();
        return get(id);
    }

    private void wakeWorkerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }
}
