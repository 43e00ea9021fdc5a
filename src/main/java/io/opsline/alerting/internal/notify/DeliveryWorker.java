package io.opsline.alerting.internal.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.alerting.GroupNotified;
import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;

/**
 * Sends due deliveries. One loop claims them in the database (see {@link DeliveryRepository#claim}),
 * commits the claim, then sends each on a virtual thread: at most {@code notifyInFlight} at once,
 * at most {@code notifyPerChannel} to one channel, so a hanging endpoint holds up only its own
 * channel. A failed try is retried with exponential backoff, then given up on.
 *
 * <p>What this guarantees: a delivery is claimed by one node at a time, and its lease, renewed as
 * its send starts, outlives any send, so two nodes never send it concurrently. Only a node dying
 * after the remote side accepted a message but before the node recorded it makes another node send
 * it again once the lease expires; receivers can tell by the stable {@code Idempotency-Key} header
 * (webhooks) or {@code Message-ID} (e-mail), both derived from the delivery id.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final AlertingProperties properties;
    private final DeliveryRepository deliveries;
    private final ChannelRepository channels;
    private final Senders senders;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final String node;

    private final Semaphore wake = new Semaphore(0);
    private final Semaphore inFlight;
    private final Map<UUID, Semaphore> perChannel = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean saturated;
    private Thread loop;
    private ExecutorService sends;

    @Autowired
    DeliveryWorker(AlertingProperties properties, DeliveryRepository deliveries, ChannelRepository channels,
            Senders senders, PlatformTransactionManager transactionManager, ApplicationEventPublisher events) {
        this(properties, deliveries, channels, senders, transactionManager, events, hostName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A worker with a node name of its own (tests run several "nodes" in one process). */
    DeliveryWorker(AlertingProperties properties, DeliveryRepository deliveries, ChannelRepository channels,
            Senders senders, PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
            String node) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.channels = channels;
        this.senders = senders;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.node = node;
        this.inFlight = new Semaphore(properties.notifyInFlight());
    }

    String node() {
        return node;
    }

    /** Looks for due deliveries now rather than at the next poll: one was just queued. */
    void wake() {
        wake.release();
    }

    /** The wait before try {@code attempt + 1} after try {@code attempt} failed: base, doubling, capped. */
    static Duration backoff(Duration base, Duration cap, int attempt) {
        var shift = Math.min(Math.max(attempt - 1, 0), 30);
        var millis = base.toMillis() * (1L << shift);
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    @Override
    public void start() {
        running = true;
        sends = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("opsline-notify-", 0).factory());
        loop = Thread.ofPlatform().name("opsline-notify-claims").daemon().start(this::claimWhileRunning);
        log.info("Notification delivery started as node {}", node);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        try {
            loop.join(properties.notifyPollInterval().toMillis() + 5_000);
            sends.shutdown();
            var patience = properties.notifyConnectTimeout().plus(properties.notifyReadTimeout().multipliedBy(2));
            if (!sends.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                sends.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sends.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the database goes, so that the last sends are recorded. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private void claimWhileRunning() {
        while (running) {
            try {
                var claimed = claimAndSend();
                if (!saturated || claimed == 0) {
                    wake.tryAcquire(properties.notifyPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not claim notifications to send; trying again shortly", e);
                sleepQuietly(properties.notifyPollInterval());
            }
        }
    }

    /** Claims as many due deliveries as there is room for and starts sending them; returns how many. */
    int claimAndSend() {
        var room = inFlight.availablePermits();
        saturated = room == 0;
        if (room == 0) {
            return 0;
        }
        var busy = perChannel.entrySet().stream().filter(e -> e.getValue().availablePermits() == 0)
                .map(Map.Entry::getKey).toList();
        List<Delivery> claimed = transactions.execute(status -> deliveries.claim(node, Jdbc.now(),
                properties.notifyLease(), room, busy));
        saturated = claimed.size() == room;
        for (var delivery : claimed) {
            inFlight.acquireUninterruptibly();
            sends.execute(() -> sendClaimed(delivery));
        }
        return claimed.size();
    }

    private void sendClaimed(Delivery delivery) {
        var channelSlots = perChannel.computeIfAbsent(delivery.channelId(),
                id -> new Semaphore(properties.notifyPerChannel()));
        try {
            channelSlots.acquire();
        } catch (InterruptedException e) {
            inFlight.release();
            deliveries.release(delivery.id(), node);
            return;
        }
        try {
            send(delivery);
        } catch (RuntimeException e) {
            log.warn("Could not record the outcome of delivery {}; it is sent again after its lease", delivery.id(), e);
        } finally {
            channelSlots.release();
            inFlight.release();
            if (saturated) {
                wake();
            }
        }
    }

    /**
     * Sends a claimed delivery and records the outcome. The claim is renewed first: a delivery may
     * wait for a free slot of its channel longer than its lease, and another node may have taken it
     * over meanwhile, which then sends it instead.
     */
    void send(Delivery delivery) {
        var channel = channels.find(delivery.channelId()).orElse(null);
        if (channel == null) {
            return; // deleted meanwhile, and its deliveries with it
        }
        if (!deliveries.renew(delivery.id(), node, Jdbc.now().plus(properties.notifyLease()))) {
            log.info("Delivery {} waited for a free slot of channel {} past its lease and another node took it over;"
                    + " that node sends it", delivery.id(), channel.name());
            return;
        }
        var started = Jdbc.now();
        var startedNanos = System.nanoTime();
        var result = senders.send(delivery, channel);
        var millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        var error = result.error() == null ? null : HttpSender.shorten(result.error(), 1000);
        var attempt = new DeliveryAttempt(Ids.newId(), delivery.id(), delivery.attempts(), node, started, millis,
                result.succeeded(), result.httpStatus(), result.reply(), error);
        transactions.executeWithoutResult(status -> {
            var stillOurs = result.succeeded() ? deliveries.sent(delivery.id(), node, Jdbc.now())
                    : deliveries.failed(delivery.id(), node, retryAt(delivery.attempts()), error);
            if (!stillOurs) {
                log.warn("Delivery {} was deleted with its channel, or taken over by another node while this one"
                        + " sent it (is opsline.alerting.notify-lease, {}, too short?)", delivery.id(),
                        properties.notifyLease());
            }
            deliveries.log(attempt, delivery.channelId());
            if (stillOurs && result.succeeded()) {
                announceToGroup(delivery, channel.name(), channel.kind());
            }
        });
        if (!result.succeeded()) {
            log.info("Delivery {} to channel {} failed (try {} of {}): {}", delivery.id(), channel.name(),
                    delivery.attempts(), properties.notifyMaxAttempts(), error);
        }
    }

    /**
     * Tells the modules that follow a group (the service desk's timeline) that a message about it
     * went out. Escalation threads a group's messages by the group's id; other threads (test
     * messages) are about no group.
     */
    private void announceToGroup(Delivery delivery, String channelName, ChannelKind kind) {
        var groupId = Ids.parseOrNull(delivery.message().threadKey());
        if (groupId == null || delivery.message().kind() == MessageKind.TEST) {
            return;
        }
        var target = delivery.recipients().isEmpty() ? kind.name().toLowerCase(Locale.ROOT)
                : String.join(", ", delivery.recipients());
        events.publishEvent(new GroupNotified(groupId, channelName, target,
                delivery.message().kind().name().toLowerCase(Locale.ROOT), Jdbc.now()));
    }

    /** When to try again after failed try {@code attempt}; null when that was the last one. */
    private Instant retryAt(int attempt) {
        if (attempt >= properties.notifyMaxAttempts()) {
            return null;
        }
        return Jdbc.now().plus(backoff(properties.notifyBackoffBase(), properties.notifyBackoffCap(), attempt));
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
