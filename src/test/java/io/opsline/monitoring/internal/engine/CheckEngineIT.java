package io.opsline.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.opsline.identity.Role;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.Metrics;
import io.opsline.monitoring.CheckStateChanged;
import io.opsline.monitoring.HostState;
import io.opsline.monitoring.HostStateChanged;
import io.opsline.monitoring.ProblemCauseChanged;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.CheckView;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.host.HostStateRepository;
import io.opsline.monitoring.internal.host.HostStatus;
import io.opsline.monitoring.internal.series.CheckMetrics;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.Peers;
import io.opsline.testing.TestAccounts;

/**
 * The engine end to end: checks against real listeners on loopback, run on their schedule,
 * through soft and hard states into history and module events.
 */
@OpslineIntegrationTest
@TestPropertySource(properties = {"opsline.monitoring.engine.enabled=true", "opsline.monitoring.min-interval=1s",
        "opsline.monitoring.engine.sync-interval=1s", "opsline.monitoring.engine.flush-interval=200ms"})
@Import(CheckEngineIT.Events.class)
// Its own context runs checks; closed afterwards so that it does not keep running them during other tests.
@DirtiesContext
class CheckEngineIT {

    /** Collects the module events the engine publishes, from whatever thread. */
    @TestConfiguration
    static class Events {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(CheckStateChanged event) {
            received.add(event);
        }

        @EventListener
        void on(HostStateChanged event) {
            received.add(event);
        }

        @EventListener
        void on(ProblemCauseChanged event) {
            received.add(event);
        }

        @Bean
        CiFixtures ciFixtures(CiManagement cis, RelationshipManagement relationships) {
            return new CiFixtures(cis, relationships);
        }
    }

    @Autowired
    CheckDefinitions definitions;
    @Autowired
    CheckStates states;
    @Autowired
    CheckStateRepository stateRepository;
    @Autowired
    HostStateRepository hosts;
    @Autowired
    CheckScheduler scheduler;
    @Autowired
    CiFixtures cis;
    @Autowired
    Events events;
    @Autowired
    CheckMetrics samples;
    @Autowired
    Metrics metrics;
    @Autowired
    EngineStats stats;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var closeable : open) {
            closeable.close();
        }
    }

    private CheckView tcpCheck(UUID ciId, String name, int port, int maxAttempts, Map<String, Object> more,
            double timeoutSeconds) {
        var params = new HashMap<String, Object>(Map.of("host", "127.0.0.1", "port", port));
        params.putAll(more);
        return TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.create(new CheckInput(
                ciId.toString(), name, "tcp", params, 1, 1, maxAttempts, timeoutSeconds, true, null)));
    }

    /** A listener that accepts connections and closes them, counting how many are open at once. */
    private Listener listen() throws IOException {
        var listener = new Listener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        open.add(listener);
        return listener;
    }

    static final class Listener implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger mostOpen = new AtomicInteger();
        volatile long holdMillis;

        Listener(ServerSocket socket) {
            this.socket = socket;
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        var client = socket.accept();
                        accepted.incrementAndGet();
                        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        Thread.ofVirtual().start(() -> {
                            try (client) {
                                // Never answers; the check's expect waits until the client gives up.
                                client.setSoTimeout((int) Math.max(1, holdMillis));
                                client.getInputStream().read();
                            } catch (IOException ignored) {
                                // the check hung up or timed out: either way the connection is over
                            } finally {
                                open.decrementAndGet();
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void checkTcpsResponseTimeIsAMetricsSeriesNamedForPrometheus() throws Exception {
        Peers.assumePresent(Files.isExecutable(Path.of("/usr/lib/nagios/plugins/check_tcp")),
                "monitoring-plugins", "monitoring-plugins-basic");
        var listener = listen();
        var ci = cis.create("server", "engine-plugin-" + UUID.randomUUID());
        var check = TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.create(new CheckInput(
                ci.id().toString(), "tcp via plugin", "plugin", Map.of("plugin", "check_tcp", "arguments",
                        List.of("-H", "127.0.0.1", "-p", String.valueOf(listener.port()))), 1, 1, 1, 1.0, true,
                null)));

        var selector = List.of(Matcher.equal("__name__", "check_time_seconds"),
                Matcher.equal("check_id", check.id().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> !metrics.select(selector, Instant.now().minusSeconds(600),
                Instant.now().plusSeconds(60)).isEmpty());
        var series = metrics.select(selector, Instant.now().minusSeconds(600), Instant.now().plusSeconds(60))
                .getFirst();
        assertThat(series.labels().toMap()).containsEntry("check", "tcp via plugin")
                .containsEntry("ci_id", ci.id().toString()).containsEntry("ci", ci.name())
                .containsEntry("perfdata", "time");
        assertThat(series.count()).isPositive();
        assertThat(series.values()[0]).isBetween(0.0, 5.0);
        // The response time stands for the run's duration: one measurement, one series.
        assertThat(metrics.select(List.of(Matcher.equal("__name__", "check_duration_seconds"),
                Matcher.equal("check_id", check.id().toString())), Instant.now().minusSeconds(600),
                Instant.now().plusSeconds(60))).isEmpty();
        assertThat(samples.labels(check.id())).containsExactly("time");
    }

    @Test
    void aCheckRunsOnItsScheduleThroughSoftAndHardStatesAndRecovers() throws Exception {
        var listener = listen();
        var ci = cis.create("server", "engine-web-" + UUID.randomUUID());
        var check = tcpCheck(ci.id(), "tcp", listener.port(), 2, Map.of(), 0.5);

        await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(states.get(check.id()).state()));
        // Each run's response time is kept as a time series for the check's graph.
        await().atMost(Duration.ofSeconds(10)).until(() -> samples.labels(check.id()).contains("time"));
        // The engine's own figures count the runs, and nothing piles up unwritten.
        var window = stats.window(30);
        assertThat(window.checks()).isPositive();
        assertThat(window.scheduled()).isPositive();
        assertThat(window.unsaved()).isBetween(0L, 100L);
        var port = listener.port();
        listener.close();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "HARD".equals(states.get(check.id()).stateType())
                        && "CRITICAL".equals(states.get(check.id()).state()));
        // The history row of a change may be written a moment after the state it records.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(states.history(check.id(), 10))
                .extracting(h -> h.kind()).contains(HistoryKind.SOFT_STATE, HistoryKind.HARD_STATE));
        assertThat(events.received).filteredOn(CheckStateChanged.class::isInstance)
                .map(CheckStateChanged.class::cast)
                .anySatisfy(e -> {
                    assertThat(e.checkId()).isEqualTo(check.id());
                    assertThat(e.state()).isEqualTo(ServiceState.CRITICAL);
                    assertThat(e.previousState()).isEqualTo(ServiceState.OK);
                    assertThat(e.causedByCiId()).isNull();
                });

        // Listening again on the same port: the next run recovers, and the recovery is a hard change.
        var again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        open.add(again);
        Thread.ofVirtual().start(() -> {
            while (!again.isClosed()) {
                try {
                    again.accept().close();
                } catch (IOException e) {
                    return;
                }
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(states.get(check.id()).state()));
        assertThat(events.received).filteredOn(CheckStateChanged.class::isInstance)
                .map(CheckStateChanged.class::cast)
                .anySatisfy(e -> {
                    assertThat(e.checkId()).isEqualTo(check.id());
                    assertThat(e.state()).isEqualTo(ServiceState.OK);
                    assertThat(e.previousState()).isEqualTo(ServiceState.CRITICAL);
                });
    }

    @Test
    void aChangedDefinitionIsPickedUpWithoutARestart() throws Exception {
        var ci = cis.create("server", "engine-change-" + UUID.randomUUID());
        var closedPort = Peers.freeTcpPort();
        var check = tcpCheck(ci.id(), "tcp", closedPort, 1, Map.of(), 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CRITICAL".equals(states.get(check.id()).state()));

        var listener = listen();
        TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.update(check.id(), new CheckInput(
                ci.id().toString(), "tcp", "tcp", Map.of("host", "127.0.0.1", "port", listener.port()), 1, 1, 1,
                0.5, true, check.version())));
        await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(states.get(check.id()).state()));
        assertThat(listener.accepted.get()).isPositive();
    }

    @Test
    void aCheckIsNeverRunTwiceAtOnceEvenWhenItTakesLongerThanItsInterval() throws Exception {
        var listener = listen();
        listener.holdMillis = 5_000;
        var ci = cis.create("server", "engine-slow-" + UUID.randomUUID());
        // Interval 1 s, but each run waits 1 s for an answer that never comes.
        tcpCheck(ci.id(), "slow", listener.port(), 1, Map.of("expect", "HELLO"), 1.0);

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.accepted.get() >= 4);
        assertThat(listener.mostOpen.get()).isEqualTo(1);
    }

    @Test
    void statesAreStoredAndResumedAcrossARestartOfTheEngine() throws Exception {
        var ci = cis.create("server", "engine-restart-" + UUID.randomUUID());
        var check = tcpCheck(ci.id(), "tcp", Peers.freeTcpPort(), 3, Map.of(), 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> stateRepository.findById(check.id())
                .map(s -> s.status().attempt() >= 2).orElse(false));

        scheduler.stop();
        var stored = stateRepository.findById(check.id()).orElseThrow();
        assertThat(stored.status().state()).isEqualTo(ServiceState.CRITICAL);
        scheduler.start();

        // The attempt count goes on from where it was: the third failure confirms the problem.
        await().atMost(Duration.ofSeconds(20)).until(() -> stateRepository.findById(check.id())
                .map(s -> s.status().type() == StateType.HARD).orElse(false));
        var history = states.history(check.id(), 10);
        assertThat(history).filteredOn(h -> h.kind() == HistoryKind.HARD_STATE).hasSize(1);
    }

    @Test
    void aPassiveCheckThatHearsNothingWithinItsFreshnessLimitGoesStale() {
        var ci = cis.create("server", "engine-passive-" + UUID.randomUUID());
        var check = TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.create(new CheckInput(
                ci.id().toString(), "backup", "passive", Map.of("freshnessSeconds", 1, "staleState", "critical"), 1,
                1, 1, 1.0, true, null)));

        await().atMost(Duration.ofSeconds(20)).until(() -> "CRITICAL".equals(states.get(check.id()).state()));
        assertThat(states.get(check.id()).output()).startsWith("No result received");
    }

    @Test
    void aProblemBehindADownParentIsMarkedAsItsConsequence() throws Exception {
        var router = cis.create("network_device", "engine-router-" + UUID.randomUUID());
        var server = cis.create("server", "engine-server-" + UUID.randomUUID());
        var app = cis.create("application", "engine-app-" + UUID.randomUUID());
        cis.relate(server, "connected_to", router);
        cis.relate(app, "runs_on", server);

        // The router's host check: a real ping, held to a round trip no answer can meet, so it fails.
        TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.create(new CheckInput(
                router.id().toString(), "ping", "ping", Map.of("host", "127.0.0.1", "packets", 1, "rttWarningMs", 0,
                        "rttCriticalMs", 0), 1, 1, 1, 1.0, true, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> hosts.find(router.id()).map(HostStatus::state)
                .orElse(HostState.UP) == HostState.DOWN);
        assertThat(events.received).filteredOn(HostStateChanged.class::isInstance)
                .map(HostStateChanged.class::cast)
                .anySatisfy(e -> {
                    assertThat(e.ciId()).isEqualTo(router.id());
                    assertThat(e.state()).isEqualTo(HostState.DOWN);
                });

        // Two levels down, the application's own failing check blames the router.
        var check = tcpCheck(app.id(), "tcp", Peers.freeTcpPort(), 1, Map.of(), 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CRITICAL".equals(states.get(check.id()).state()));
        var view = states.get(check.id());
        assertThat(view.causedBy()).isNotNull();
        assertThat(view.causedBy().id()).isEqualTo(router.id());
        assertThat(events.received).filteredOn(CheckStateChanged.class::isInstance)
                .map(CheckStateChanged.class::cast)
                .anySatisfy(e -> {
                    assertThat(e.checkId()).isEqualTo(check.id());
                    assertThat(e.causedByCiId()).isEqualTo(router.id());
                });
    }

    @Test
    void aProblemConfirmedBeforeItsParentWentDownIsHandedToTheParent() throws Exception {
        var router = cis.create("network_device", "engine-router-" + UUID.randomUUID());
        var app = cis.create("application", "engine-app-" + UUID.randomUUID());
        cis.relate(app, "connected_to", router);

        // The application's check fails first and is confirmed while the router still looks up.
        var check = tcpCheck(app.id(), "tcp", Peers.freeTcpPort(), 1, Map.of(), 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CRITICAL".equals(states.get(check.id()).state()));
        assertThat(states.get(check.id()).causedBy()).isNull();

        // Then the router's host check confirms it down: the application's problem becomes the router's.
        TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.create(new CheckInput(
                router.id().toString(), "ping", "ping", Map.of("host", "127.0.0.1", "packets", 1, "rttWarningMs", 0,
                        "rttCriticalMs", 0), 1, 1, 1, 1.0, true, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> states.get(check.id()).causedBy() != null);
        assertThat(states.get(check.id()).causedBy().id()).isEqualTo(router.id());
        assertThat(events.received).filteredOn(ProblemCauseChanged.class::isInstance)
                .map(ProblemCauseChanged.class::cast)
                .anySatisfy(e -> {
                    assertThat(e.checkId()).isEqualTo(check.id());
                    assertThat(e.causedByCiId()).isEqualTo(router.id());
                    assertThat(e.previousCauseCiId()).isNull();
                });
        assertThat(states.history(check.id(), 10)).extracting(h -> h.kind()).contains(HistoryKind.CAUSE_CHANGED);
    }
}
