package io.opsline.monitoring.internal.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.ServiceState;

class AcknowledgementTest {

    private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");

    private static Acknowledgement of(ServiceState state, boolean sticky, Instant expiresAt) {
        return new Acknowledgement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), state, "alice",
                "looking into it", sticky, expiresAt, AT);
    }

    @Test
    void aPlainAcknowledgementEndsOnAnyChangeFromTheAcknowledgedState() {
        var critical = of(ServiceState.CRITICAL, false, null);
        assertThat(critical.endsOn(ServiceState.WARNING)).isTrue();
        assertThat(critical.endsOn(ServiceState.UNKNOWN)).isTrue();
        assertThat(critical.endsOn(ServiceState.OK)).isTrue();
    }

    @Test
    void aPlainAcknowledgementSurvivesTheProblemBeingConfirmedInTheSameState() {
        // Acknowledged while the check was still retrying (soft), then confirmed (hard) CRITICAL.
        assertThat(of(ServiceState.CRITICAL, false, null).endsOn(ServiceState.CRITICAL)).isFalse();
    }

    @Test
    void aStickyAcknowledgementEndsOnlyWhenTheCheckRecovers() {
        var sticky = of(ServiceState.WARNING, true, null);
        assertThat(sticky.endsOn(ServiceState.CRITICAL)).isFalse();
        assertThat(sticky.endsOn(ServiceState.UNKNOWN)).isFalse();
        assertThat(sticky.endsOn(ServiceState.WARNING)).isFalse();
        assertThat(sticky.endsOn(ServiceState.OK)).isTrue();
    }

    @Test
    void expiresAtItsExpiryAndNotBefore() {
        var expiring = of(ServiceState.CRITICAL, false, AT.plusSeconds(3600));
        assertThat(expiring.expiredAt(AT.plusSeconds(3599))).isFalse();
        assertThat(expiring.expiredAt(AT.plusSeconds(3600))).isTrue();
        assertThat(of(ServiceState.CRITICAL, true, null).expiredAt(AT.plusSeconds(86_400 * 365L))).isFalse();
    }
}
