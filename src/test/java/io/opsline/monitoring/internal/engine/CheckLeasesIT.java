package io.opsline.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.opsline.testing.OpslineIntegrationTest;

/** Nodes sharing one database split the checks between them, never both running one bucket. */
@OpslineIntegrationTest
class CheckLeasesIT {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void freeAll() {
        jdbc.sql("UPDATE check_lease SET node = NULL, expires_at = NULL").update();
        jdbc.sql("DELETE FROM check_node").update();
    }

    @Test
    void aSecondNodeGetsHalfOnceTheFirstGivesBackItsSurplus() {
        var now = Instant.now();
        var first = new CheckLeases(jdbc, LEASE);
        var alone = first.renew(now);
        assertThat(alone.owned()).hasSize(CheckLeases.BUCKETS);

        var second = new CheckLeases(jdbc, LEASE);
        var joining = second.renew(now);
        assertThat(joining.owned()).isEmpty();

        var shrinking = first.renew(now.plusSeconds(1));
        assertThat(shrinking.surplus()).hasSize(CheckLeases.BUCKETS / 2);
        first.release(shrinking.surplus());
        var joined = second.renew(now.plusSeconds(2));
        assertThat(joined.owned()).hasSize(CheckLeases.BUCKETS / 2);

        var overlap = new HashSet<>(shrinking.owned());
        overlap.retainAll(joined.owned());
        assertThat(overlap).isEmpty();
    }

    @Test
    void aDeadNodesBucketsAreTakenOverWhenItsLeasesRunOut() {
        var now = Instant.now();
        var dying = new CheckLeases(jdbc, LEASE);
        dying.renew(now);
        var survivor = new CheckLeases(jdbc, LEASE);
        assertThat(survivor.renew(now.plusSeconds(5)).owned()).isEmpty();

        // The dying node renews no more; once its leases and its heartbeat are past, all is the survivor's.
        var later = now.plus(LEASE).plusSeconds(5);
        assertThat(survivor.renew(later).owned()).hasSize(CheckLeases.BUCKETS);
    }
}
