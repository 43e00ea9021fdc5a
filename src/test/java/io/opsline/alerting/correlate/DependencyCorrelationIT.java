package io.opsline.alerting.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupReason;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * Correlation follows every relationship along which a failure travels, not only what a CI runs on
 * or is connected to: an application's alert joins the group of the database it depends on, and a
 * part's alert the group of the whole it is part of; the upstream CI's alert is the root cause
 * whichever came first.
 */
@OpslineIntegrationTest
class DependencyCorrelationIT {

    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    AlertGroups groups;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private static Event trigger(String source, String key, CiView ci, Instant at) {
        return new Event(source, key, EventAction.TRIGGER, Severity.ERROR, "down " + key, Map.of("alertname", key),
                Map.of(), CiHint.of(ci.id()), at, null);
    }

    private UUID alertId(String source, String key) {
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 10)).items()
                .stream().filter(alert -> key.equals(alert.dedupKey())).findFirst().orElseThrow().id();
    }

    /**
     * The downstream CI alerts first, the upstream one a second later: one group, by topology, with
     * the upstream CI's alert as root cause.
     */
    private void assertOneGroupRootedUpstream(CiView downstream, CiView upstream) {
        var source = "upstream-" + UUID.randomUUID();

        intake.accept(List.of(trigger(source, "downstream", downstream, T)));
        intake.accept(List.of(trigger(source, "upstream", upstream, T.plusSeconds(1))));

        var group = groups.groupOf(alertId(source, "upstream")).orElseThrow();
        assertThat(groups.groupOf(alertId(source, "downstream"))).contains(group);
        var found = groups.find(group).orElseThrow();
        assertThat(found.reason()).isEqualTo(GroupReason.TOPOLOGY);
        assertThat(found.rootAlertId()).isEqualTo(alertId(source, "upstream"));
        assertThat(found.title()).isEqualTo("down upstream");
    }

    @Test
    void anAppAndTheDatabaseItDependsOnAreOneGroupWithTheDatabaseAsRootCauseThoughTheAppAlertedFirst() {
        var fixtures = new CiFixtures(cis, relationships);
        var app = fixtures.create("application", "ledger-app-" + UUID.randomUUID());
        var db = fixtures.create("database", "ledger-db-" + UUID.randomUUID());
        fixtures.relate(app, "depends_on", db);
        assertOneGroupRootedUpstream(app, db);
    }

    @Test
    void aFailingPartIsTheRootCauseOfTheWholeItIsPartOf() {
        var fixtures = new CiFixtures(cis, relationships);
        var checkout = fixtures.create("business_service", "checkout-" + UUID.randomUUID());
        var payments = fixtures.create("application", "payments-" + UUID.randomUUID());
        fixtures.relate(payments, "part_of", checkout);
        // The whole alerts first; its failing part is upstream of it.
        assertOneGroupRootedUpstream(checkout, payments);
    }
}
