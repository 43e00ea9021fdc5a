package io.opsline.monitoring.internal.downtime;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.Role;
import io.opsline.monitoring.CaughtEvents;
import io.opsline.monitoring.DowntimeEnded;
import io.opsline.monitoring.DowntimeStarted;
import io.opsline.monitoring.MonitoringFixtures;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downtime starts and ends, announced once however many nodes notice them, and the in-memory
 * answer to "is this in downtime?".
 */
@OpslineIntegrationTest
class DowntimeAnnouncementIT {

    @Autowired
    Downtimes downtimes;
    @Autowired
    DowntimeClock clock;
    @Autowired
    DowntimeRepository repository;
    @Autowired
    HistoryRepository history;
    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CheckStateRepository states;

    MonitoringFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new MonitoringFixtures(mvc, json, accounts, states);
    }

    private DowntimeView schedule(DowntimeInput input) {
        var operator = accounts.operator().username();
        return TestAccounts.actingAs(operator, Role.OPERATOR, () -> downtimes.create(input, operator));
    }

    private static DowntimeInput onCi(UUID ci, boolean withDependents, Instant start, Instant end) {
        return new DowntimeInput(ci.toString(), null, null, withDependents, "maintenance", start.toString(),
                end.toString(), null);
    }

    /** Runs the clock as two nodes would, at the same moment on two threads against the one database. */
    private void raceTwoNodes(Instant now) throws Exception {
        var barrier = new CyclicBarrier(2);
        try (var threads = Executors.newFixedThreadPool(2)) {
            var runs = new ArrayList<Future<Integer>>();
            for (int node = 0; node < 2; node++) {
                runs.add(threads.submit(() -> {
                    barrier.await();
                    return clock.announce(now);
                }));
            }
            for (var run : runs) {
                run.get();
            }
        }
    }

    private long historyOf(UUID ci, HistoryKind kind) {
        return history.findByCi(ci, 100).stream().filter(e -> e.kind() == kind).count();
    }

    @Test
    void twoNodesRacingAnnounceEachStartAndEndExactlyOnce() throws Exception {
        // Far enough ahead that nothing else announces these windows; the clock is told the time.
        var start = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        var end = start.plus(Duration.ofHours(1));
        var cis = new ArrayList<UUID>();
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            var ci = fixtures.ci(unique("racer"));
            cis.add(ci);
            ids.add(schedule(onCi(ci, false, start, end)).id());
        }
        try (var started = CaughtEvents.of(context, DowntimeStarted.class);
                var ended = CaughtEvents.of(context, DowntimeEnded.class)) {
            raceTwoNodes(start.plusSeconds(1));
            raceTwoNodes(start.plusSeconds(20));
            for (int i = 0; i < ids.size(); i++) {
                var id = ids.get(i);
                assertThat(started.matching(e -> e.downtimeId().equals(id))).singleElement().satisfies(e -> {
                    assertThat(e.startedAt()).isEqualTo(start);
                    assertThat(e.endsAt()).isEqualTo(end);
                });
                assertThat(historyOf(cis.get(i), HistoryKind.DOWNTIME_STARTED)).isEqualTo(1);
            }
            assertThat(ended.matching(e -> ids.contains(e.downtimeId()))).isEmpty();

            raceTwoNodes(end.plusSeconds(1));
            raceTwoNodes(end.plusSeconds(20));
            for (int i = 0; i < ids.size(); i++) {
                var id = ids.get(i);
                assertThat(ended.matching(e -> e.downtimeId().equals(id))).singleElement().satisfies(e -> {
                    assertThat(e.endedAt()).isEqualTo(end);
                    assertThat(e.cancelled()).isFalse();
                });
                assertThat(historyOf(cis.get(i), HistoryKind.DOWNTIME_ENDED)).isEqualTo(1);
            }
            assertThat(started.matching(e -> ids.contains(e.downtimeId()))).hasSize(ids.size());
        }
    }

    @Test
    void aShortWindowBetweenTwoRoundsIsAnnouncedLateRatherThanNever() {
        var start = Instant.now().plus(Duration.ofDays(50)).truncatedTo(ChronoUnit.SECONDS);
        var ci = fixtures.ci(unique("blink"));
        var id = schedule(onCi(ci, false, start, start.plusSeconds(5))).id();
        try (var started = CaughtEvents.of(context, DowntimeStarted.class);
                var ended = CaughtEvents.of(context, DowntimeEnded.class)) {
            clock.announce(start.plusSeconds(15));
            assertThat(started.matching(e -> e.downtimeId().equals(id))).hasSize(1);
            assertThat(ended.matching(e -> e.downtimeId().equals(id))).singleElement()
                    .satisfies(e -> assertThat(e.endedAt()).isEqualTo(start.plusSeconds(5)));
        }
    }

    @Test
    void aWeeklyDowntimeIsAnnouncedOncePerWindow() {
        var ci = fixtures.ci(unique("weekly"));
        var operator = accounts.operator().username();
        var id = TestAccounts.actingAs(operator, Role.OPERATOR, () -> downtimes.create(new DowntimeInput(ci.toString(),
                null, null, false, "patch window", null, null, new DowntimeInput.RecurrenceInput(List.of("sunday"),
                        "02:00", 60, "Europe/Berlin", null)), operator)).id();
        var view = downtimes.get(id);
        var first = view.current() != null ? view.current() : view.next();
        var second = repository.findById(id).orElseThrow().schedule().next(first.end()).orElseThrow().start();
        try (var started = CaughtEvents.of(context, DowntimeStarted.class);
                var ended = CaughtEvents.of(context, DowntimeEnded.class)) {
            clock.announce(first.end().plusSeconds(1));
            clock.announce(second.plusSeconds(1));
            clock.announce(second.plusSeconds(2));
            assertThat(started.matching(e -> e.downtimeId().equals(id))).extracting(DowntimeStarted::startedAt)
                    .contains(second).doesNotHaveDuplicates();
            assertThat(ended.matching(e -> e.downtimeId().equals(id))).extracting(DowntimeEnded::endedAt)
                    .containsExactly(first.end());
        }
    }

    @Test
    void cancellingADowntimeThatHoldsEndsItOnceAsCancelled() {
        var ci = fixtures.ci(unique("cancel"));
        var now = Instant.now();
        try (var ended = CaughtEvents.of(context, DowntimeEnded.class)) {
            var id = schedule(onCi(ci, false, now, now.plus(Duration.ofHours(1)))).id();
            var canceller = accounts.admin().username();
            TestAccounts.actingAs(canceller, Role.ADMIN, () -> downtimes.cancel(id, canceller));
            clock.announce(now.plus(Duration.ofHours(2)));
            assertThat(ended.matching(e -> e.downtimeId().equals(id))).singleElement().satisfies(e -> {
                assertThat(e.cancelled()).isTrue();
                assertThat(e.endedAt()).isBefore(now.plus(Duration.ofHours(1)));
            });
            assertThat(downtimes.inDowntime(ci, null, Instant.now())).isFalse();
        }
    }

    @Test
    void aDowntimeOnACiCoversItsChecksAndItselfWhileItHolds() {
        var ci = fixtures.ci(unique("web"));
        var other = fixtures.ci(unique("web"));
        var check = fixtures.check(ci, "https");
        var now = Instant.now();
        var start = now.plus(Duration.ofMinutes(10));
        var end = now.plus(Duration.ofMinutes(40));
        schedule(onCi(ci, false, start, end));
        assertThat(downtimes.inDowntime(ci, check, start.plusSeconds(60))).isTrue();
        assertThat(downtimes.inDowntime(ci, start.plusSeconds(60))).isTrue();
        assertThat(downtimes.inDowntime(ci, null, start.minusSeconds(1))).isFalse();
        assertThat(downtimes.inDowntime(ci, null, end)).isFalse();
        assertThat(downtimes.inDowntime(other, null, start.plusSeconds(60))).isFalse();
    }

    @Test
    void aDowntimeWithDependentsCoversWhatRunsOnOrConnectsToItButNotWhatMerelyDependsOnIt() {
        var host = fixtures.ci(unique("host"));
        var vm = fixtures.ci(unique("vm"));
        var app = fixtures.ci(unique("app"));
        var nas = fixtures.ci(unique("nas"));
        var client = fixtures.ci(unique("client"));
        fixtures.relate(vm, "runs_on", host);
        fixtures.relate(app, "runs_on", vm);
        fixtures.relate(nas, "connected_to", host);
        fixtures.relate(client, "depends_on", app);
        var now = Instant.now();
        var at = now.plus(Duration.ofMinutes(15));
        schedule(onCi(host, true, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(20))));
        for (var covered : List.of(host, vm, app, nas)) {
            assertThat(downtimes.inDowntime(covered, null, at)).as("covered").isTrue();
        }
        assertThat(downtimes.inDowntime(client, null, at)).as("only depends on the app").isFalse();

        var alone = fixtures.ci(unique("host"));
        var guest = fixtures.ci(unique("vm"));
        fixtures.relate(guest, "runs_on", alone);
        schedule(onCi(alone, false, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(20))));
        assertThat(downtimes.inDowntime(alone, null, at)).isTrue();
        assertThat(downtimes.inDowntime(guest, null, at)).isFalse();
    }

    @Test
    void aDowntimeOnATagCoversEveryCiCarryingIt() {
        var tag = unique("dc-east");
        var a = fixtures.ci(unique("a"), tag);
        var b = fixtures.ci(unique("b"), tag, "other");
        var c = fixtures.ci(unique("c"), "other");
        var now = Instant.now();
        schedule(new DowntimeInput(null, null, tag.toUpperCase(), null, "datacenter power work",
                now.plus(Duration.ofMinutes(5)).toString(), now.plus(Duration.ofMinutes(25)).toString(), null));
        var at = now.plus(Duration.ofMinutes(10));
        assertThat(downtimes.inDowntime(a, null, at)).isTrue();
        assertThat(downtimes.inDowntime(b, null, at)).isTrue();
        assertThat(downtimes.inDowntime(c, null, at)).isFalse();
    }

    @Test
    void aDowntimeOnOneCheckCoversOnlyThatCheck() {
        var ci = fixtures.ci(unique("db"));
        var backup = fixtures.check(ci, "backup age");
        var port = fixtures.check(ci, "port");
        var now = Instant.now();
        var view = schedule(new DowntimeInput(null, backup.toString(), null, null, "restore test",
                now.plus(Duration.ofMinutes(5)).toString(), now.plus(Duration.ofMinutes(25)).toString(), null));
        assertThat(view.scope().ciId()).isEqualTo(ci);
        assertThat(view.scope().checkName()).isEqualTo("backup age");
        var at = now.plus(Duration.ofMinutes(10));
        assertThat(downtimes.inDowntime(ci, backup, at)).isTrue();
        assertThat(downtimes.inDowntime(ci, port, at)).isFalse();
        assertThat(downtimes.inDowntime(ci, at)).as("the CI as a whole").isFalse();
    }
}
