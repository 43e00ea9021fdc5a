package io.opsline.alerting.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.jdbc.core.RowMapper;

import io.opsline.testing.OpslineProcess;
import io.opsline.testing.RequiresTestDatabase;
import io.opsline.testing.SeveralNodesOnPostgresql;
import io.opsline.testing.SharedSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "A page is sent once, even if a node dies mid-way or several nodes share the database", with the
 * real thing: two Opsline processes from the packaged jar on one PostgreSQL schema, both taking
 * events and paging a real webhook, and then one of them killed with SIGKILL while its sends are in
 * flight, and started again.
 *
 * <p>Each alert group is paged twice (a two-level escalation policy). A webhook cannot be sent and
 * recorded in one step, so the only repeat allowed is a send the killed node had in flight: the
 * receiver got it, the node died before recording it, and another node sends it again, with the
 * same {@code Idempotency-Key}, once the dead node's lease expires. The tests run in order: the
 * first with both nodes alive throughout, the second kills a node.
 */
@ExtendWith({RequiresTestDatabase.class, SeveralNodesOnPostgresql.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesExactlyOnceIT {

    private static final String EVENTS = "/api/v1/intake/events";
    /** Sends to one channel a node makes at once: the most a killed node can have in flight there. */
    private static final int PER_CHANNEL = 4;
    /**
     * Short, so that the killed node's claims are taken over within the test, yet longer than any
     * send here: the held sends wait until a node is killed, which on a busy machine took over eight
     * seconds; a lease running out meanwhile lets the other node send them again, rightly.
     */
    private static final String LEASE = "30s";
    /** A held send must not time out either (that too is rightly sent again); under the lease. */
    private static final String READ_TIMEOUT = "25s";
    private static final Duration ANSWER_DELAY = Duration.ofMillis(30);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Map<String, String> SETTINGS = Map.of(
            "opsline.alerting.notify-lease", LEASE,
            "opsline.alerting.notify-read-timeout", READ_TIMEOUT,
            "opsline.alerting.notify-connect-timeout", "2s",
            "opsline.alerting.notify-per-channel", Integer.toString(PER_CHANNEL),
            "opsline.alerting.notify-poll-interval", "250ms",
            // Few connections, opened as needed: the suite's own application contexts hold many of the test server's.
            "spring.datasource.hikari.minimum-idle", "1",
            // Nothing else runs: no checks of the machine, whose alerts would only add noise.
            "opsline.monitoring.engine.enabled", "false",
            "opsline.monitoring.register-local-host", "false");

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = "opl_nodes_" + randomText(24);
    private final List<OpslineProcess> nodes = new CopyOnWriteArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    private SharedSchema database;
    private PageReceiver receiver;
    private Path runDirectory;
    private OpslineProcess node1;
    private OpslineProcess node2;
    private Paging calm;
    private Paging kill;

    @RegisterExtension
    final TestWatcher nodeLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            nodes.forEach(node -> System.out.printf("--- %s; the end of its log:%n%s%n", node.describe(),
                    node.logTail(80)));
        }
    };

    /** A source paging through its own webhook path and channel: its integration key, for the intake. */
    private record Paging(String source, String path, UUID channelId, String integrationKey) {
    }

    @BeforeAll
    void startTwoNodesOnOneDatabase() {
        database = SharedSchema.create("nodes");
        receiver = new PageReceiver(ANSWER_DELAY);
        runDirectory = Path.of("target", "two-nodes", LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        environment.putAll(database.opslineEnvironment());
        environment.put("OPSLINE_BOOTSTRAP_TOKEN", token);
        environment.put("OPSLINE_ADMIN_PASSWORD", "nodes-" + randomText(16));
        // Nodes sharing a database share the key of its secrets (one seals an acknowledge link, another opens it).
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        environment.put("OPSLINE_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        environment.put("OPSLINE_DB_POOL_SIZE", "5");

        // One after the other: the first migrates the empty schema, the second finds it done.
        node1 = startNode("node-1");
        node1.awaitReady();
        node2 = startNode("node-2");
        node2.awaitReady();
        // Configured before any event, so no node can have routing rules cached from before.
        calm = pageThroughReceiver("calm-" + randomText(8).toLowerCase());
        kill = pageThroughReceiver("kill-" + randomText(8).toLowerCase());
    }

    @AfterAll
    void stopEverything() {
        nodes.forEach(OpslineProcess::close);
        if (receiver != null) {
            receiver.close();
        }
        if (database != null) {
            database.close();
        }
        if (runDirectory != null) {
            System.out.println("Node logs kept in " + runDirectory.toAbsolutePath());
        }
    }

    @Test
    @Order(1)
    void withBothNodesAliveEveryPageIsSentExactlyOnce() {
        var problems = 100;
        trigger(calm, problems, List.of(node1, node2));
        awaitAllSent(calm, problems);
        makeNextStepsDue(calm);
        awaitAllSent(calm, 2 * problems);

        var pages = receiver.pages(calm.path());
        assertEveryGroupPagedAtBothLevels(calm, problems, pages);
        assertThat(repeatedKeys(pages)).as("Idempotency-Keys received more than once, with no node killed").isEmpty();
        assertThat(deliveries(calm)).as("every delivery sent on its first try").hasSize(2 * problems)
                .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
        var tries = tries(calm);
        assertThat(tries).as("one try logged per delivery, each a success").hasSize(2 * problems)
                .allSatisfy(t -> assertThat(t.succeeded()).isTrue());
        assertThat(tries.stream().map(Try::node).collect(Collectors.toSet())).as("the nodes that sent")
                .containsExactlyInAnyOrder(node1.notificationNode(), node2.notificationNode());
        assertEscalationsTookEachStepOnce(calm, problems);
    }

    @Test
    @Order(2)
    void aNodeKilledMidSendLosesNoPageAndRepeatsOnlyWhatItHadInFlight() {
        var problems = 200;
        // A quarter of the pages are answered; then the endpoint goes slow and both nodes' sends pile up.
        receiver.holdAnswers(kill.path(), problems / 4);
        trigger(kill, problems, List.of(node1, node2));
        Awaitility.await("both nodes with %d sends in flight to the held endpoint".formatted(PER_CHANNEL))
                .atMost(PATIENCE).until(() -> receiver.unanswered(kill.path()).size() == 2 * PER_CHANNEL);

        var inFlight = receiver.unanswered(kill.path());
        var deadNode = node2.notificationNode();
        node2.kill();
        var claimedByDeadNode = database.jdbc().sql("SELECT id FROM notification_delivery"
                + " WHERE channel_id = ? AND status = 'SENDING' AND lease_owner = ?")
                .params(kill.channelId(), deadNode).query(UUID.class).list().stream().map(UUID::toString)
                .collect(Collectors.toSet());
        receiver.release();
        // The restart: a new node on the same database, coming up while the dead node's claims still hold.
        var restarted = startNode("node-2-restarted");

        awaitAllSent(kill, problems);
        restarted.awaitReady();
        makeNextStepsDue(kill);
        awaitAllSent(kill, 2 * problems);

        var pages = receiver.pages(kill.path());
        assertEveryGroupPagedAtBothLevels(kill, problems, pages);
        var sentByDeadNodeInFlight = new HashSet<>(inFlight);
        sentByDeadNodeInFlight.retainAll(claimedByDeadNode);
        var repeated = repeatedKeys(pages);
        var tries = tries(kill);
        System.out.printf("%s had sent and recorded %d pages when it was killed holding %d claims, %d of them in"
                + " flight at the receiver: %s; Idempotency-Keys received twice: %s%n", node2.name(),
                tries.stream().filter(t -> t.node().equals(deadNode)).count(), claimedByDeadNode.size(),
                sentByDeadNodeInFlight.size(), sentByDeadNodeInFlight, repeated.keySet());
        assertThat(sentByDeadNodeInFlight).as("the killed node's sends in flight").isNotEmpty()
                .hasSizeLessThanOrEqualTo(PER_CHANNEL);
        assertThat(repeated.keySet()).as("the keys received twice: exactly the sends the killed node had in flight")
                .isEqualTo(sentByDeadNodeInFlight);
        assertThat(repeated.values()).as("how often each of them arrived").containsOnly(2L);

        var deliveries = deliveries(kill);
        assertThat(deliveries).hasSize(2 * problems);
        assertThat(deliveries).as("the killed node's claims, taken over after its lease")
                .filteredOn(d -> claimedByDeadNode.contains(d.id())).hasSize(claimedByDeadNode.size())
                .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(2));
        assertThat(deliveries).as("every other delivery, sent on its first try")
                .filteredOn(d -> !claimedByDeadNode.contains(d.id()))
                .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
        assertThat(tries).as("one try logged per delivery (the killed node logged none of what it held)")
                .hasSize(2 * problems).allSatisfy(t -> assertThat(t.succeeded()).isTrue());
        assertThat(tries).filteredOn(t -> claimedByDeadNode.contains(t.deliveryId()))
                .allSatisfy(t -> assertThat(t.node()).isNotEqualTo(deadNode));
        assertEscalationsTookEachStepOnce(kill, problems);
    }

    private OpslineProcess startNode(String name) {
        var node = OpslineProcess.start(name, runDirectory.resolve(name), environment, SETTINGS);
        nodes.add(node);
        return node;
    }

    /** A webhook channel to the receiver, a two-level policy paging it, a rule routing the source there, an integration. */
    private Paging pageThroughReceiver(String source) {
        var path = "/" + source;
        var channel = post(node1, "/api/v1/notification-channels",
                Map.of("name", source, "kind", "webhook", "url", receiver.url(path)));
        var channelId = (channel.has("channel") ? channel.get("channel") : channel).get("id").asString();
        var target = List.of(Map.of("type", "channel", "id", channelId));
        // A minute is the shortest delay a level takes; makeNextStepsDue brings the second level forward.
        var policy = post(node1, "/api/v1/escalation-policies", Map.of("name", source, "repeat", 0, "levels",
                List.of(Map.of("delayMinutes", 1, "targets", target), Map.of("delayMinutes", 1, "targets", target))));
        post(node1, "/api/v1/routing-rules", Map.of("name", source, "policyId", policy.get("id").asString(),
                "conditions", Map.of("sources", List.of(source))));
        var integration = post(node1, "/api/v1/alert-integrations", Map.of("name", source, "kind", "generic"));
        return new Paging(source, path, UUID.fromString(channelId), integration.get("key").asString());
    }

    /** Opens {@code problems} distinct problems, ten per request, taking turns at the nodes' intake doors. */
    private void trigger(Paging paging, int problems, List<OpslineProcess> doors) {
        for (int from = 0, request = 0; from < problems; from += 10, request++) {
            var events = IntStream.range(from, Math.min(from + 10, problems))
                    .mapToObj(i -> Map.of("dedupKey", "host-" + i + "/disk", "severity", "critical",
                            "summary", "Disk full on host-" + i))
                    .toList();
            var door = doors.get(request % doors.size());
            var answer = send(HttpRequest.newBuilder(door.uri(EVENTS))
                    .header("Authorization", "Bearer " + paging.integrationKey()), Map.of("events", events));
            assertThat(answer.statusCode()).as("%s's intake answers %s", door.name(), answer.body()).isEqualTo(202);
        }
    }

    /**
     * Waits until at least {@code rows} deliveries of the source's channel exist and every one is
     * sent. No further send can follow: only pending deliveries and expired claims are claimed.
     */
    private void awaitAllSent(Paging paging, int rows) {
        try {
            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                var byStatus = deliveriesByStatus(paging);
                return byStatus.getOrDefault("SENT", 0L) >= rows && byStatus.keySet().equals(Set.of("SENT"));
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Expected %d deliveries to %s, all SENT, within %s; they are %s".formatted(rows,
                    paging.source(), PATIENCE, deliveriesByStatus(paging)), e);
        }
    }

    private Map<String, Long> deliveriesByStatus(Paging paging) {
        return deliveries(paging).stream().collect(Collectors.groupingBy(Delivery::status, Collectors.counting()));
    }

    /**
     * Brings the next escalation step of the source's groups forward to now, instead of waiting the
     * policy's minute; which node takes each step is still up to the nodes.
     */
    private void makeNextStepsDue(Paging paging) {
        database.jdbc().sql("UPDATE alert_escalation SET next_step_at = CURRENT_TIMESTAMP WHERE status = 'ACTIVE'"
                + " AND group_id IN (SELECT g.id FROM alert_group g JOIN alert a ON a.id = g.root_alert_id"
                + " WHERE a.source = ?)").param(paging.source()).update();
    }

    /** Nothing lost: every group of the source reached the receiver at level 1 and at level 2. */
    private void assertEveryGroupPagedAtBothLevels(Paging paging, int problems, List<PageReceiver.Page> pages) {
        var groups = database.jdbc().sql("SELECT g.id FROM alert_group g JOIN alert a ON a.id = g.root_alert_id"
                + " WHERE a.source = ?").param(paging.source()).query(UUID.class).list();
        assertThat(groups).as("alert groups of %s", paging.source()).hasSize(problems);
        var expected = groups.stream().flatMap(g -> List.of(g + " TRIGGERED", g + " ESCALATED").stream()).toList();
        var received = pages.stream().map(p -> p.group() + " " + p.kind()).collect(Collectors.toSet());
        assertThat(received).as("(group, level) pairs received").containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Each group's escalation took both its steps once and ended. */
    private void assertEscalationsTookEachStepOnce(Paging paging, int problems) {
        var escalations = database.jdbc().sql("SELECT e.status, e.steps_taken FROM alert_escalation e"
                + " JOIN alert_group g ON g.id = e.group_id JOIN alert a ON a.id = g.root_alert_id WHERE a.source = ?")
                .param(paging.source()).query((rs, n) -> rs.getString("status") + " after " + rs.getInt("steps_taken"))
                .list();
        assertThat(escalations).hasSize(problems).containsOnly("EXHAUSTED after 2");
    }

    private static Map<String, Long> repeatedKeys(List<PageReceiver.Page> pages) {
        return pages.stream().collect(Collectors.groupingBy(PageReceiver.Page::key, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private record Delivery(String id, String status, int attempts) {
    }

    private List<Delivery> deliveries(Paging paging) {
        return ofChannel(paging, "SELECT id, status, attempts FROM notification_delivery WHERE channel_id = ?",
                (rs, n) -> new Delivery(rs.getString("id"), rs.getString("status"), rs.getInt("attempts")));
    }

    private record Try(String deliveryId, String node, boolean succeeded) {
    }

    private List<Try> tries(Paging paging) {
        return ofChannel(paging, "SELECT delivery_id, node, succeeded FROM notification_attempt WHERE channel_id = ?",
                (rs, n) -> new Try(rs.getString("delivery_id"), rs.getString("node"), rs.getBoolean("succeeded")));
    }

    private <T> List<T> ofChannel(Paging paging, String sql, RowMapper<T> row) {
        return database.jdbc().sql(sql).param(paging.channelId()).query(row).list();
    }

    private JsonNode post(OpslineProcess node, String path, Object body) {
        var answer = send(HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Bearer " + token), body);
        assertThat(answer.statusCode()).as("POST %s answers %s", path, answer.body()).isEqualTo(201);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Object body) {
        try {
            return http.send(request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomText(int length) {
        var random = new SecureRandom();
        var alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return random.ints(length, 0, alphabet.length()).mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                .collect(Collectors.joining());
    }
}
