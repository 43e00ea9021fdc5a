package io.opsline.alerting.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.AlertGroupsChanged;
import io.opsline.alerting.AlertGroupResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupReason;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;

class PlacementTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID DB = UUID.randomUUID();
    private static final UUID APP = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final Map<UUID, Set<UUID>> PARENTS = Map.of(APP, Set.of(DB));

    private static Placement placement(Map<UUID, RuleKey> keys, List<WorkingGroup> locked) {
        return new Placement(keys, ci -> PARENTS.getOrDefault(ci, Set.of()), Duration.ofMinutes(10), T, locked);
    }

    private static Alert alert(UUID ciId, Severity severity, Instant at, AlertStatus status) {
        return new Alert(UUID.randomUUID(), "f", "src", "k", status, severity, "on " + ciId, ciId, null, Map.of(),
                Map.of(), null, at, at, 1, null, null, status == AlertStatus.RESOLVED ? at : null, null, null, 0);
    }

    @Test
    void theAlertOnTheCiOthersDependOnIsTheRootCauseThoughItCameSecond() {
        var app = alert(APP, Severity.WARNING, T, AlertStatus.FIRING);
        var db = alert(DB, Severity.CRITICAL, T.plusSeconds(30), AlertStatus.FIRING);
        var unrelated = alert(OTHER, Severity.INFO, T.plusSeconds(40), AlertStatus.FIRING);
        var placement = placement(Map.of(), List.of());
        List.of(app, db, unrelated).forEach(placement::place);

        var outcome = placement.finish();
        assertThat(outcome.created()).hasSize(2);
        var group = outcome.created().getFirst();
        assertThat(outcome.newMembers()).filteredOn(m -> m.groupId().equals(group.id)).extracting(GroupMember::alertId)
                .containsExactly(app.id(), db.id());
        assertThat(group.memberCount).isEqualTo(2);
        assertThat(group.root.alertId()).isEqualTo(db.id());
        assertThat(group.title).isEqualTo(db.summary());
        assertThat(group.severity).isEqualTo(Severity.CRITICAL);
        assertThat(group.reason).isEqualTo(GroupReason.TOPOLOGY);
        assertThat(outcome.newMembers()).extracting(GroupMember::alertId, GroupMember::openedGroup)
                .containsExactly(tuple(app.id(), true), tuple(db.id(), false), tuple(unrelated.id(), true));
        assertThat(outcome.timeline()).extracting(GroupChange::kind).containsExactly(GroupChange.Kind.ROOT_CAUSE_CHANGED);
        var appGroup = outcome.newMembers().stream().filter(m -> m.alertId().equals(app.id())).findFirst().orElseThrow()
                .groupId();
        var otherGroup = outcome.newMembers().stream().filter(m -> m.alertId().equals(unrelated.id())).findFirst()
                .orElseThrow().groupId();
        assertThat(outcome.announcements()).containsExactly(new AlertGroupsChanged(Set.of(appGroup, otherGroup), Set.of()));
    }

    @Test
    void anAlertOutsideTheTopologyWindowOpensAGroupOfItsOwn() {
        var placement = placement(Map.of(), List.of());
        placement.place(alert(DB, Severity.ERROR, T, AlertStatus.FIRING));
        placement.place(alert(APP, Severity.ERROR, T.plus(Duration.ofMinutes(11)), AlertStatus.FIRING));

        assertThat(placement.finish().created()).hasSize(2);
    }

    @Test
    void aKeyGroupPastItsWindowGivesItsKeyToTheNextGroupOfTheKey() {
        var old = new WorkingGroup(new AlertGroup(UUID.randomUUID(), "old", GroupStatus.OPEN, GroupReason.RULE,
                UUID.randomUUID(), "r", "alertname=X", T, T, 1, 1, Severity.ERROR, UUID.randomUUID(), T, null), "key",
                new int[] {0, 1, 0, 0}, null);
        var late = alert(null, Severity.ERROR, T.plusSeconds(301), AlertStatus.FIRING);
        var key = new RuleKey(old.ruleId, "r", "alertname=X", "key", Duration.ofMinutes(5));
        var placement = placement(Map.of(late.id(), key), List.of(old));
        placement.place(late);

        var outcome = placement.finish();
        assertThat(outcome.changed()).containsExactly(old);
        assertThat(old.openKey).isNull();
        assertThat(old.status).isEqualTo(GroupStatus.OPEN);
        assertThat(outcome.created()).singleElement().satisfies(g -> assertThat(g.openKey).isEqualTo("key"));
    }

    @Test
    void aGroupResolvesWithItsLastOpenMemberAndGivesUpItsKey() {
        var first = alert(null, Severity.CRITICAL, T, AlertStatus.FIRING);
        var second = alert(null, Severity.WARNING, T.plusSeconds(5), AlertStatus.FIRING);
        var key = new RuleKey(UUID.randomUUID(), "r", "alertname=X", "key", Duration.ofMinutes(5));
        var placement = placement(Map.of(first.id(), key, second.id(), key), List.of());
        placement.place(first);
        placement.place(second);
        var group = placement.finish().created().getFirst();
        assertThat(group.severity).isEqualTo(Severity.CRITICAL);

        var next = placement(Map.of(), List.of(group));
        next.update(new Placement.MemberUpdate(first.id(), group.id, Severity.CRITICAL, true, Severity.CRITICAL, false,
                T.plusSeconds(60), "monitoring"));
        next.finish();
        assertThat(group.status).isEqualTo(GroupStatus.OPEN);
        assertThat(group.severity).isEqualTo(Severity.WARNING);

        var last = placement(Map.of(), List.of(group));
        last.update(new Placement.MemberUpdate(second.id(), group.id, Severity.WARNING, true, Severity.WARNING, false,
                T.plusSeconds(90), "alertmanager"));
        var outcome = last.finish();
        assertThat(group.status).isEqualTo(GroupStatus.RESOLVED);
        assertThat(group.resolvedAt).isEqualTo(T.plusSeconds(90));
        assertThat(group.openKey).isNull();
        assertThat(group.severity).isEqualTo(Severity.WARNING);
        assertThat(outcome.announcements()).containsExactly(
                new AlertGroupResolved(group.id, "alertmanager", T.plusSeconds(90)),
                new AlertGroupsChanged(Set.of(), Set.of(group.id)));
    }

    @Test
    void anAlertOpenedAndResolvedInOneBatchOpensAndResolvesItsGroup() {
        var placement = placement(Map.of(), List.of());
        placement.place(alert(OTHER, Severity.ERROR, T, AlertStatus.RESOLVED));

        var outcome = placement.finish();
        assertThat(outcome.created().getFirst().status).isEqualTo(GroupStatus.RESOLVED);
        var group = outcome.created().getFirst();
        assertThat(outcome.announcements()).hasExactlyElementsOfTypes(AlertGroupResolved.class,
                AlertGroupsChanged.class);
        assertThat(outcome.announcements().getLast()).isEqualTo(new AlertGroupsChanged(Set.of(group.id), Set.of()));
    }
}
