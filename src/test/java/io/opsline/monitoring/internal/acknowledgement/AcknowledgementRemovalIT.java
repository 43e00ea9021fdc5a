package io.opsline.monitoring.internal.acknowledgement;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.Role;
import io.opsline.monitoring.MonitoringFixtures;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Acknowledgements ending by themselves: on state changes the result processor reports, and at expiry. */
@OpslineIntegrationTest
class AcknowledgementRemovalIT {

    @Autowired
    Acknowledgements acknowledgements;
    @Autowired
    AcknowledgementClock clock;
    @Autowired
    HistoryRepository history;
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

    private UUID acknowledged(ServiceState state, boolean sticky, Instant expiresAt) {
        var check = fixtures.check(fixtures.ci(unique("srv")), "load");
        fixtures.putInState(check, state);
        var operator = accounts.operator().username();
        TestAccounts.actingAs(operator, Role.OPERATOR, () -> acknowledgements.acknowledge(check,
                new AcknowledgementInput("on it", sticky, expiresAt == null ? null : expiresAt.toString()), operator));
        return check;
    }

    private HistoryEntry lastHistory(UUID check) {
        return history.findByCheck(check, 1).getFirst();
    }

    @Test
    void aPlainAcknowledgementEndsWhenTheStateChangesButNotWhenTheSameProblemIsConfirmed() {
        var check = acknowledged(ServiceState.CRITICAL, false, null);
        var now = Instant.now();
        acknowledgements.onStateChange(check, ServiceState.CRITICAL, now);
        assertThat(acknowledgements.active(check)).isPresent();

        acknowledgements.onStateChange(check, ServiceState.WARNING, now);
        assertThat(acknowledgements.active(check)).isEmpty();
        var removal = lastHistory(check);
        assertThat(removal.kind()).isEqualTo(HistoryKind.ACKNOWLEDGEMENT_REMOVED);
        assertThat(removal.author()).isNull();
        assertThat(removal.text()).contains("changed to warning");
    }

    @Test
    void aStickyAcknowledgementLastsUntilTheCheckRecovers() {
        var check = acknowledged(ServiceState.WARNING, true, null);
        var now = Instant.now();
        acknowledgements.onStateChange(check, ServiceState.CRITICAL, now);
        acknowledgements.onStateChange(check, ServiceState.UNKNOWN, now);
        assertThat(acknowledgements.active(check)).isPresent();

        acknowledgements.onStateChange(check, ServiceState.OK, now);
        assertThat(acknowledgements.active(check)).isEmpty();
        assertThat(lastHistory(check).text()).contains("recovered");
        acknowledgements.onStateChange(check, ServiceState.CRITICAL, now);
        assertThat(history.findByCheck(check, 10)).extracting(HistoryEntry::kind)
                .containsExactly(HistoryKind.ACKNOWLEDGEMENT_REMOVED, HistoryKind.ACKNOWLEDGED);
    }

    @Test
    void anAcknowledgementEndsAtItsExpiryOnce() {
        var expiry = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS);
        var expiring = acknowledged(ServiceState.CRITICAL, true, expiry);
        var lasting = acknowledged(ServiceState.CRITICAL, true, null);

        clock.expire(expiry.minusSeconds(1));
        assertThat(acknowledgements.active(expiring)).isPresent();
        clock.expire(expiry);
        clock.expire(expiry.plusSeconds(15));
        assertThat(acknowledgements.activeFor(List.of(expiring, lasting))).containsOnlyKeys(lasting);
        assertThat(history.findByCheck(expiring, 10)).extracting(HistoryEntry::kind)
                .containsExactly(HistoryKind.ACKNOWLEDGEMENT_REMOVED, HistoryKind.ACKNOWLEDGED);
        var removal = lastHistory(expiring);
        assertThat(removal.at()).isEqualTo(expiry);
        assertThat(removal.text()).startsWith("Expired");
    }
}
