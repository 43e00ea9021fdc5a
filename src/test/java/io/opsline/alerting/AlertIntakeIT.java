package io.opsline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertChange;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * The intake turns events into alerts: one per problem episode, counted, resolved, reopened as a
 * new alert, about the CI the sender named. Every test uses a source of its own.
 */
@OpslineIntegrationTest
class AlertIntakeIT {

    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private static String source() {
        return "test-" + UUID.randomUUID();
    }

    private static Event event(String source, String key, EventAction action, Severity severity, Instant at) {
        return new Event(source, key, action, severity, "disk full on db-1", Map.of("alertname", "DiskFull"),
                Map.of("free", "0%"), CiHint.NONE, at, null);
    }

    private List<Alert> alertsOf(String source) {
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 500)).items();
    }

    @Test
    void repeatedTriggersCountAsOccurrencesOfOneAlert() {
        var source = source();
        intake.accept(List.of(event(source, "k1", EventAction.TRIGGER, Severity.WARNING, T),
                event(source, "k1", EventAction.TRIGGER, Severity.WARNING, T.plusSeconds(1))));
        intake.accept(List.of(event(source, "k1", EventAction.TRIGGER, Severity.CRITICAL, T.plusSeconds(2))));

        var stored = alertsOf(source);
        assertThat(stored).hasSize(1);
        var alert = stored.getFirst();
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.occurrences()).isEqualTo(3);
        assertThat(alert.firstSeen()).isEqualTo(T);
        assertThat(alert.lastSeen()).isEqualTo(T.plusSeconds(2));
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alerts.timeline(alert.id())).extracting(AlertChange::kind)
                .containsExactly(AlertChange.Kind.OPENED, AlertChange.Kind.SEVERITY_CHANGED);
    }

    @Test
    void aLateTriggerIsCountedButDoesNotUndoWhatANewerOneSaid() {
        var source = source();
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.CRITICAL, T.plusSeconds(5))));
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.WARNING, T)));

        var alert = alertsOf(source).getFirst();
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.occurrences()).isEqualTo(2);
        assertThat(alert.firstSeen()).isEqualTo(T);
        assertThat(alert.lastSeen()).isEqualTo(T.plusSeconds(5));
    }

    @Test
    void aResolvedAlertStaysResolvedAndTheNextTriggerOpensANewOne() {
        var source = source();
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.ERROR, T),
                event(source, "k", EventAction.ACKNOWLEDGE, Severity.INFO, T.plusSeconds(1)),
                event(source, "k", EventAction.RESOLVE, Severity.INFO, T.plusSeconds(2))));
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.ERROR, T.plusSeconds(3))));

        var stored = alertsOf(source);
        assertThat(stored).hasSize(2);
        assertThat(stored).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        var resolved = stored.get(1);
        assertThat(resolved.acknowledgedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(resolved.resolvedAt()).isEqualTo(T.plusSeconds(2));
        assertThat(resolved.resolvedBy()).isEqualTo(source);
        assertThat(alerts.timeline(resolved.id())).extracting(AlertChange::kind).containsExactly(
                AlertChange.Kind.OPENED, AlertChange.Kind.ACKNOWLEDGED, AlertChange.Kind.RESOLVED);
        assertThat(stored.getFirst().firstSeen()).isEqualTo(T.plusSeconds(3));
    }

    @Test
    void anAlertStoredOpenThenResolvedAndTriggeredAgainInOneBatchBecomesTwoAlerts() {
        var source = source();
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.ERROR, T)));
        intake.accept(List.of(event(source, "k", EventAction.RESOLVE, Severity.INFO, T.plusSeconds(1)),
                event(source, "k", EventAction.TRIGGER, Severity.ERROR, T.plusSeconds(2))));

        assertThat(alertsOf(source)).extracting(Alert::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }

    @Test
    void aResolveOrAcknowledgeForNothingOpenChangesNothing() {
        var source = source();
        intake.accept(List.of(event(source, "nothing", EventAction.RESOLVE, Severity.INFO, T),
                event(source, "nothing", EventAction.ACKNOWLEDGE, Severity.INFO, T)));

        assertThat(alertsOf(source)).isEmpty();
    }

    @Test
    void withoutADedupKeyTheLabelsMakeTheFingerprint() {
        var source = source();
        var disk = new Event(source, null, EventAction.TRIGGER, Severity.WARNING, "disk", Map.of("alertname", "Disk",
                "instance", "a"), null, null, T, null);
        var sameDisk = new Event(source, null, EventAction.TRIGGER, Severity.WARNING, "disk again",
                Map.of("instance", "a", "alertname", "Disk"), null, null, T.plusSeconds(1), null);
        var otherHost = new Event(source, null, EventAction.TRIGGER, Severity.WARNING, "disk", Map.of("alertname",
                "Disk", "instance", "b"), null, null, T, null);
        intake.accept(List.of(disk, sameDisk, otherHost));

        assertThat(alertsOf(source)).extracting(Alert::occurrences).containsExactlyInAnyOrder(2L, 1L);
        // Named fields only: the instance no longer tells them apart.
        var grouped = source();
        intake.accept(List.of(retag(disk, grouped), retag(otherHost, grouped)), List.of("alertname"));
        assertThat(alertsOf(grouped)).extracting(Alert::occurrences).containsExactly(2L);
    }

    private static Event retag(Event e, String source) {
        return new Event(source, e.dedupKey(), e.action(), e.severity(), e.summary(), e.labels(), e.details(), e.ci(),
                e.occurredAt(), e.link());
    }

    @Test
    void anEventIsAboutTheCiItsSenderNamedOrIsKeptUnmappedWithTheHint() {
        var ci = new CiFixtures(cis, relationships).create("server", "intake-" + UUID.randomUUID());
        var source = source();
        intake.accept(List.of(
                new Event(source, "by-id", EventAction.TRIGGER, Severity.CRITICAL, "down", null, null,
                        CiHint.of(ci.id()), T, null),
                new Event(source, "unknown", EventAction.TRIGGER, Severity.CRITICAL, "down", null, null,
                        new CiHint(null, "no-such-host-" + UUID.randomUUID(), null), T, null)));

        var stored = alertsOf(source);
        assertThat(stored).filteredOn(a -> "by-id".equals(a.dedupKey())).singleElement()
                .satisfies(a -> assertThat(a.ciId()).isEqualTo(ci.id()));
        assertThat(stored).filteredOn(a -> "unknown".equals(a.dedupKey())).singleElement().satisfies(a -> {
            assertThat(a.unmapped()).isTrue();
            assertThat(a.ciHint()).startsWith("host no-such-host-");
        });
    }

    @Test
    void manySendersAtOnceMakeOneAlertPerFingerprintAndLoseNoOccurrence() throws Exception {
        var source = source();
        var senders = 16;
        var perSender = 50;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (int s = 0; s < senders; s++) {
                done.add(executor.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        intake.accept(List.of(event(source, "shared", EventAction.TRIGGER, Severity.ERROR, T),
                                event(source, "k" + (i % 5), EventAction.TRIGGER, Severity.ERROR, T)));
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        }

        var stored = alertsOf(source);
        assertThat(stored).hasSize(6);
        assertThat(stored).filteredOn(a -> "shared".equals(a.dedupKey())).singleElement()
                .satisfies(a -> assertThat(a.occurrences()).isEqualTo((long) senders * perSender));
        assertThat(stored.stream().mapToLong(Alert::occurrences).sum()).isEqualTo(2L * senders * perSender);
    }

    /**
     * Repeats that say nothing new are counted without their alert being read; whatever takes the
     * locked path (something new said, a person acknowledging) adds to those counts and never
     * overwrites them. A resolve alone in its batch (on PostgreSQL stored without the alert being
     * locked and read first) takes the counts onto the alert and keeps what else it had.
     */
    @Test
    void countsOfRepeatsAndOfChangesAddUpWhicheverPathStoresThem() {
        var source = source();
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.WARNING, T)));
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.WARNING, T.plusSeconds(1)),
                event(source, "k", EventAction.TRIGGER, Severity.WARNING, T.plusSeconds(2))));
        var id = alertsOf(source).getFirst().id();
        alerts.acknowledge(id, "alice");
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.WARNING, T.plusSeconds(3))));
        var saysMore = new Event(source, "k", EventAction.TRIGGER, Severity.WARNING, "disk full on db-1 and db-2",
                Map.of("alertname", "DiskFull"), Map.of("free", "0%"), CiHint.NONE, T.plusSeconds(10), null);
        intake.accept(List.of(saysMore));
        intake.accept(List.of(new Event(source, "k", EventAction.TRIGGER, Severity.WARNING, saysMore.summary(),
                saysMore.labels(), saysMore.details(), CiHint.NONE, T.plusSeconds(11), null)));
        intake.accept(List.of(new Event(source, "k", EventAction.TRIGGER, Severity.WARNING, saysMore.summary(),
                saysMore.labels(), saysMore.details(), CiHint.NONE, T.minusSeconds(5), null)));

        var open = alerts.find(id).orElseThrow();
        assertThat(open.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(open.summary()).isEqualTo("disk full on db-1 and db-2");
        assertThat(open.occurrences()).isEqualTo(7);
        assertThat(open.firstSeen()).isEqualTo(T.minusSeconds(5));
        assertThat(open.lastSeen()).isEqualTo(T.plusSeconds(11));

        intake.accept(List.of(event(source, "k", EventAction.RESOLVE, Severity.WARNING, T.plusSeconds(12))));
        intake.accept(List.of(event(source, "k", EventAction.TRIGGER, Severity.WARNING, T.plusSeconds(13))));
        var resolved = alerts.find(id).orElseThrow();
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.summary()).isEqualTo("disk full on db-1 and db-2");
        assertThat(resolved.acknowledgedBy()).isEqualTo("alice");
        assertThat(resolved.acknowledgedAt()).isEqualTo(open.acknowledgedAt());
        assertThat(resolved.resolvedAt()).isEqualTo(T.plusSeconds(12));
        assertThat(resolved.resolvedBy()).isEqualTo(source);
        assertThat(resolved.version()).isEqualTo(open.version() + 1);
        assertThat(resolved.occurrences()).isEqualTo(7);
        assertThat(resolved.firstSeen()).isEqualTo(T.minusSeconds(5));
        assertThat(resolved.lastSeen()).isEqualTo(T.plusSeconds(11));
        assertThat(alertsOf(source)).filteredOn(a -> a.status() == AlertStatus.FIRING).singleElement()
                .satisfies(a -> assertThat(a.occurrences()).isEqualTo(1));
    }
}
