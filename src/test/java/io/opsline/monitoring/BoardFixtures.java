package io.opsline.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamInput;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.inventory.internal.CiInput;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.acknowledgement.AcknowledgementInput;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.downtime.DowntimeInput;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.monitoring.internal.engine.PassiveResultInput;
import io.opsline.monitoring.internal.engine.PassiveResults;
import io.opsline.monitoring.internal.state.CheckStatus;
import io.opsline.testing.TestAccounts;

/**
 * Problems on the status board, put in place through the real services: CIs, passive checks and
 * the results sent in for them, acknowledgements and downtimes; and, for what only the engine
 * produces (a problem caused by a down parent, flapping), check states stored as it stores them.
 */
public record BoardFixtures(CiManagement cis, TeamManagement teams, CheckDefinitions checks,
        PassiveResults results, CheckStateRepository states, Acknowledgements acknowledgements,
        Downtimes downtimes) {

    public UUID team(String name) {
        return TestAccounts.actingAs("admin", Role.ADMIN, () -> teams.create(new TeamInput(name, null, null, null)))
                .id();
    }

    public CiView ci(String name, String tag) {
        return ci("server", name, null, tag);
    }

    public CiView ci(String ciClass, String name, String ownerTeam, String tag) {
        return TestAccounts.actingAs("admin", Role.ADMIN, () -> cis.create(new CiInput(null, ciClass, name, null, null,
                null, ownerTeam, null, null, List.of(tag), List.of(), Map.of(), null, null)));
    }

    /** A passive check: nothing runs it, so its state is what the test sends in. */
    public UUID check(CiView ci, String name, int maxAttempts) {
        return TestAccounts.actingAs("admin", Role.ADMIN, () -> checks.create(new CheckInput(ci.id().toString(), name,
                "passive", Map.of("freshnessSeconds", 90_000, "staleState", "critical"), null, null, maxAttempts, null,
                true, null))).id();
    }

    /** Sends in a result, as a remote agent would. */
    public void result(UUID checkId, String state, String output) {
        results.submit(checkId, new PassiveResultInput(state, null, output, null));
    }

    /** A confirmed problem that a down parent explains, stored as the engine stores it. */
    public void causedBy(UUID checkId, UUID parentCiId, String output) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var status = new CheckStatus<>(ServiceState.CRITICAL, StateType.HARD, 1, now, now, ServiceState.CRITICAL);
        var result = new CheckResult(ServiceState.CRITICAL, output, "", List.of(), now, Duration.ofMillis(5));
        states.saveAll(List.of(new CheckState(checkId, status, result, now.plusSeconds(60), "C", false, 0, null,
                parentCiId)));
    }

    /** A problem state with no result behind it, as only a test (or a hand-edited table) leaves one. */
    public void stateWithoutResult(UUID checkId) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var status = new CheckStatus<>(ServiceState.CRITICAL, StateType.HARD, 1, now, now, ServiceState.CRITICAL);
        states.saveAll(List.of(new CheckState(checkId, status, null, now.plusSeconds(60), "", false, 0, null)));
    }

    public void acknowledge(UUID checkId, String author, String comment) {
        TestAccounts.actingAs(author, Role.OPERATOR, () -> acknowledgements.acknowledge(checkId,
                new AcknowledgementInput(comment, false, null), author));
    }

    /** Downtime for the whole CI, for the next hour. */
    public void downtime(CiView ci, String author) {
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        TestAccounts.actingAs(author, Role.OPERATOR, () -> downtimes.create(new DowntimeInput(ci.id().toString(),
                null, null, false, "planned reboot", now.toString(), now.plusHours(1).toString(), null), author));
    }
}
