package io.opsline.monitoring.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckSettings;

class TemplatePlanTest {

    private static final CheckSettings SSH = new CheckSettings("ssh", CheckType.TCP, Map.of("port", 22), 60, 30, 3,
            10_000, true);
    private static final CheckTemplate TEMPLATE = new CheckTemplate(UUID.randomUUID(), CiClass.SERVER,
            List.of("linux"), List.of(CiStatus.ACTIVE), SSH, Instant.now(), Instant.now(), 1);

    private static CiSummary server(String name, CiStatus status, String... tags) {
        return new CiSummary(UUID.randomUUID(), CiClass.SERVER, name, status, Environment.PRODUCTION, Criticality.MEDIUM,
                null, List.of(tags), List.of("192.0.2.1"));
    }

    private static CheckDefinition fromTemplate(CiSummary ci, CheckSettings settings) {
        return CheckDefinition.create(ci.id(), settings, TEMPLATE.id());
    }

    @Test
    void matchesByClassStatusAndEveryTag() {
        assertThat(TEMPLATE.matches(server("a", CiStatus.ACTIVE, "linux", "web"))).isTrue();
        assertThat(TEMPLATE.matches(server("b", CiStatus.ACTIVE, "web"))).isFalse();
        assertThat(TEMPLATE.matches(server("c", CiStatus.MAINTENANCE, "linux"))).isFalse();
        var vm = new CiSummary(UUID.randomUUID(), CiClass.VIRTUAL_MACHINE, "d", CiStatus.ACTIVE,
                Environment.PRODUCTION, Criticality.MEDIUM, null, List.of("linux"), List.of());
        assertThat(TEMPLATE.matches(vm)).isFalse();
    }

    @Test
    void createsOnNewMatchesKeepsWhatIsInLineUpdatesWhatIsNotAndRemovesWhatNoLongerMatches() {
        var fresh = server("fresh", CiStatus.ACTIVE, "linux");
        var inLine = server("in-line", CiStatus.ACTIVE, "linux");
        var drifted = server("drifted", CiStatus.ACTIVE, "linux");
        var gone = server("gone", CiStatus.ACTIVE);
        var keptCheck = fromTemplate(inLine, SSH);
        var driftedCheck = fromTemplate(drifted, new CheckSettings("ssh", CheckType.TCP, Map.of("port", 2222), 60, 30,
                3, 10_000, true));
        var goneCheck = fromTemplate(gone, SSH);

        var plan = TemplatePlan.of(TEMPLATE, List.of(drifted, fresh, inLine),
                List.of(keptCheck, driftedCheck, goneCheck), Set.of());

        assertThat(plan.creates).containsExactly(fresh);
        assertThat(plan.updates).extracting(TemplatePlan.Update::check).containsExactly(driftedCheck);
        assertThat(plan.removals).extracting(TemplatePlan.Removal::check).containsExactly(goneCheck);
        assertThat(plan.removals.getFirst().why()).contains("no longer matches");
        assertThat(plan.outcomes).containsExactly(Map.entry(drifted.id(), TemplatePlan.Outcome.UPDATE),
                Map.entry(fresh.id(), TemplatePlan.Outcome.CREATE), Map.entry(inLine.id(), TemplatePlan.Outcome.KEEP));
        assertThat(plan.report()).isEqualTo(new ApplyReport(1, 1, 1, List.of()));
    }

    @Test
    void aCiWhoseNameIsTakenIsSkippedAndLosesTheTemplatesCheckUnderAnOlderName() {
        var taken = server("taken", CiStatus.ACTIVE, "linux");
        var renamedAway = server("renamed", CiStatus.ACTIVE, "linux");
        var oldName = fromTemplate(renamedAway, new CheckSettings("ssh-old", CheckType.TCP, Map.of("port", 22), 60, 30,
                3, 10_000, true));

        var plan = TemplatePlan.of(TEMPLATE, List.of(taken, renamedAway), List.of(oldName),
                Set.of(taken.id(), renamedAway.id()));

        assertThat(plan.creates).isEmpty();
        assertThat(plan.removals).extracting(TemplatePlan.Removal::check).containsExactly(oldName);
        assertThat(plan.skips).extracting(ApplyReport.Skipped::ciId).containsExactly(taken.id(), renamedAway.id());
        assertThat(plan.skips.getFirst().reason()).contains("already has a check named 'ssh'");
        assertThat(plan.outcomes.values()).containsOnly(TemplatePlan.Outcome.SKIP);
    }

    @Test
    void aSecondCheckFromTheTemplateOnOneCiGoes() {
        var ci = server("twice", CiStatus.ACTIVE, "linux");
        var first = fromTemplate(ci, SSH);
        var second = fromTemplate(ci, SSH);

        var plan = TemplatePlan.of(TEMPLATE, List.of(ci), List.of(first, second), Set.of());

        assertThat(plan.removals).extracting(TemplatePlan.Removal::check).containsExactly(second);
        assertThat(plan.outcomes).containsExactly(Map.entry(ci.id(), TemplatePlan.Outcome.KEEP));
    }

    @Test
    void nothingToDoChangesNothing() {
        var ci = server("steady", CiStatus.ACTIVE, "linux");
        assertThat(TemplatePlan.of(TEMPLATE, List.of(ci), List.of(fromTemplate(ci, SSH)), Set.of()).changesNothing())
                .isTrue();
        assertThat(TemplatePlan.removing(List.of(fromTemplate(ci, SSH)), "deleted").removals).hasSize(1);
    }
}
