package io.opsline.alerting.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.notify.NotifyFixtures;
import io.opsline.alerting.notify.Receiver;
import io.opsline.platform.Jdbc;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * The outbox shared by several nodes: each delivery is sent once however many workers drain it,
 * one a dead node held is sent by another after its lease, and queueing is idempotent by key
 * without breaking the caller's transaction.
 */
@OpslineIntegrationTest
class DeliveryClaimsIT {

    @Autowired
    Notifications notifications;
    @Autowired
    Channels channels;
    @Autowired
    DeliveryRepository deliveries;
    @Autowired
    ChannelRepository channelRepository;
    @Autowired
    Senders senders;
    @Autowired
    AlertingProperties properties;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;

    private final Receiver receiver = new Receiver();
    private final List<DeliveryWorker> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(DeliveryWorker::stop);
        receiver.close();
    }

    private UUID webhook(String path) {
        return channels.create(new ChannelInput("claims-" + UUID.randomUUID(), "webhook", receiver.url(path), null,
                null, null, null, null, null, null, null, null, null, null), "test").channel().id();
    }

    private DeliveryWorker node(String name) {
        var worker = new DeliveryWorker(properties, deliveries, channelRepository, senders, transactionManager, events,
                name);
        nodes.add(worker);
        return worker;
    }

    private long sent(UUID channel) {
        return notifications.list(channel, DeliveryStatus.SENT, null, PageRequest.of(0, 1)).total();
    }

    @Test
    void threeNodesDrainingThreeHundredDeliveriesSendEachExactlyOnce() {
        var channelIds = List.of(webhook("/a"), webhook("/b"), webhook("/c"));
        node("node-b-" + UUID.randomUUID()).start();
        node("node-c-" + UUID.randomUUID()).start();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 0; i < 300; i++) {
                var channel = channelIds.get(i % 3);
                notifications.enqueue(NotifyFixtures.request(channel, NotifyFixtures.firing("t", "bulk " + i)));
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> channelIds.stream().mapToLong(this::sent).sum() == 300);
        var received = new ArrayList<Receiver.Request>();
        List.of("/a", "/b", "/c").forEach(path -> received.addAll(receiver.requests(path)));
        var perDelivery = received.stream().collect(Collectors.groupingBy(r -> r.header("Idempotency-Key"),
                Collectors.counting()));
        assertThat(perDelivery).hasSize(300);
        assertThat(perDelivery.values()).containsOnly(1L);
        assertThat(received).hasSize(300);
    }

    @Test
    void deliveriesANodeClaimedBeforeDyingAreSentOnceByAnotherAfterTheirLease() {
        var channel = webhook("/orphans");
        var keys = new ArrayList<String>();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 0; i < 5; i++) {
                var request = NotifyFixtures.request(channel, NotifyFixtures.firing("t", "orphan " + i));
                notifications.enqueue(request);
                keys.add(request.deliveryKey());
            }
            // A node claimed them and died before sending: its lease ran out a while ago.
            jdbc.sql("UPDATE notification_delivery SET status = 'SENDING', lease_owner = 'dead-node', attempts = 1,"
                    + " lease_until = ? WHERE channel_id = ?")
                    .params(Jdbc.timestamp(Instant.now().minusSeconds(5)), channel).update();
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> sent(channel) == 5);
        var received = receiver.requests("/orphans").stream()
                .collect(Collectors.groupingBy(r -> r.header("Idempotency-Key"), Collectors.counting()));
        var ids = keys.stream().map(k -> notifications.findByKey(k).orElseThrow())
                .collect(Collectors.toMap(d -> d.id().toString(), Function.identity()));
        assertThat(received.keySet()).isEqualTo(ids.keySet());
        assertThat(received.values()).containsOnly(1L);
        for (var delivery : ids.values()) {
            var detail = notifications.get(delivery.id());
            assertThat(detail.delivery().attempts()).isEqualTo(2);
            assertThat(detail.attempts()).singleElement().satisfies(a -> {
                assertThat(a.attempt()).isEqualTo(2);
                assertThat(a.node()).isNotEqualTo("dead-node");
            });
        }
    }

    @Test
    void aLiveLeaseKeepsOtherNodesAway() {
        var channel = webhook("/held");
        var request = NotifyFixtures.request(channel, NotifyFixtures.firing("t", "held"));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            notifications.enqueue(request);
            jdbc.sql("UPDATE notification_delivery SET status = 'SENDING', lease_owner = 'busy-node', attempts = 1,"
                    + " lease_until = ? WHERE channel_id = ?")
                    .params(Jdbc.timestamp(Instant.now().plusSeconds(3600)), channel).update();
        });
        var other = node("node-x-" + UUID.randomUUID());

        var claimed = new TransactionTemplate(transactionManager).execute(status -> deliveries.claim(other.node(),
                Jdbc.now(), Duration.ofMinutes(1), 500, List.of()));
        // Whatever else was due (other tests' retries) goes back untouched.
        claimed.forEach(d -> deliveries.release(d.id(), other.node()));
        assertThat(claimed).noneMatch(d -> d.channelId().equals(channel));
        assertThat(notifications.findByKey(request.deliveryKey()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.SENDING);
    }

    /**
     * A node's claim can wait for a free slot of its channel longer than its lease. Another node
     * may then take it over; the first must not send it as well once a slot frees up.
     */
    @Test
    void aClaimThatOutlivedItsLeaseIsSentOnlyByTheNodeThatTookItOver() {
        var channel = webhook("/overtaken");
        var slow = node("node-slow-" + UUID.randomUUID());
        var other = node("node-other-" + UUID.randomUUID());
        // Queued and claimed twice in one transaction, so that this application's own worker sees only the end.
        var claims = new TransactionTemplate(transactionManager).execute(status -> {
            notifications.enqueue(NotifyFixtures.request(channel, NotifyFixtures.firing("t", "overtaken")));
            var stale = claimOnly(slow, channel, Duration.ofMillis(-1));
            return List.of(stale, claimOnly(other, channel, Duration.ofMinutes(1)));
        });
        var stale = claims.get(0);
        var takenOver = claims.get(1);
        assertThat(takenOver.id()).isEqualTo(stale.id());

        slow.send(stale);
        assertThat(receiver.requests("/overtaken")).isEmpty();
        assertThat(notifications.get(stale.id()).delivery().status()).isEqualTo(DeliveryStatus.SENDING);

        other.send(takenOver);
        assertThat(receiver.requests("/overtaken")).singleElement()
                .satisfies(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(stale.id().toString()));
        assertThat(notifications.get(stale.id()).delivery().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(notifications.get(stale.id()).attempts()).singleElement()
                .satisfies(a -> assertThat(a.node()).isEqualTo(other.node()));
    }

    /** Claims what is due for {@code node} with this lease, keeping the delivery of this channel and giving back the rest. */
    private Delivery claimOnly(DeliveryWorker node, UUID channel, Duration lease) {
        var claimed = deliveries.claim(node.node(), Jdbc.now(), lease, 500, List.of());
        claimed.stream().filter(d -> !d.channelId().equals(channel)).forEach(d -> deliveries.release(d.id(), node.node()));
        return claimed.stream().filter(d -> d.channelId().equals(channel)).findFirst().orElseThrow();
    }

    @Test
    void queueingOneKeyTwiceAddsOneDeliveryAndTheCallersTransactionGoesOn() {
        var channel = webhook("/once");
        var first = NotifyFixtures.request(channel, NotifyFixtures.firing("t", "once"));
        var again = new NotificationRequest(first.deliveryKey(), channel, List.of(),
                NotifyFixtures.firing("t", "once, again"));
        var after = NotifyFixtures.request(channel, NotifyFixtures.firing("t", "after"));

        var outcomes = new TransactionTemplate(transactionManager).execute(status -> List.of(
                notifications.enqueue(first), notifications.enqueue(again), notifications.enqueue(after)));

        assertThat(outcomes).containsExactly(true, false, true);
        assertThat(notifications.findByKey(first.deliveryKey()).orElseThrow().message().title()).isEqualTo("once");
        assertThat(notifications.findByKey(after.deliveryKey())).isPresent();
        assertThat(notifications.enqueue(again)).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> sent(channel) == 2);
        assertThat(receiver.requests("/once")).hasSize(2);
    }
}
