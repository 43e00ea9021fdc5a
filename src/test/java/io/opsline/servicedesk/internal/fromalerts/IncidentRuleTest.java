package io.opsline.servicedesk.internal.fromalerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.Severity;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Environment;
import io.opsline.servicedesk.internal.Level;

class IncidentRuleTest {

    private static IncidentRule rule(boolean enabled, Severity minSeverity, Set<CiClass> classes,
            Set<Environment> environments) {
        return new IncidentRule(UUID.randomUUID(), "r", 1, enabled, minSeverity, classes, environments, Level.HIGH,
                Level.HIGH, null, null, false, Instant.EPOCH, Instant.EPOCH, 0);
    }

    private static CiSummary ci(CiClass ciClass, Environment environment) {
        return new CiSummary(UUID.randomUUID(), ciClass, "x", CiStatus.ACTIVE, environment, null, null, List.of(),
                List.of());
    }

    @Test
    void matchesAlertsAtLeastAsBadAsItsMinimumSeverity() {
        var rule = rule(true, Severity.ERROR, Set.of(), Set.of());
        assertThat(rule.matches(Severity.CRITICAL, null)).isTrue();
        assertThat(rule.matches(Severity.ERROR, null)).isTrue();
        assertThat(rule.matches(Severity.WARNING, null)).isFalse();
    }

    @Test
    void aClassConditionNeedsACiOfOneOfItsClasses() {
        var rule = rule(true, Severity.INFO, Set.of(CiClass.SERVER, CiClass.DATABASE), Set.of());
        assertThat(rule.matches(Severity.CRITICAL, ci(CiClass.DATABASE, null))).isTrue();
        assertThat(rule.matches(Severity.CRITICAL, ci(CiClass.APPLICATION, null))).isFalse();
        assertThat(rule.matches(Severity.CRITICAL, null)).as("an alert about no known CI").isFalse();
    }

    @Test
    void anEnvironmentConditionNeedsACiServingOneOfThem() {
        var rule = rule(true, Severity.INFO, Set.of(), Set.of(Environment.PRODUCTION));
        assertThat(rule.matches(Severity.INFO, ci(CiClass.SERVER, Environment.PRODUCTION))).isTrue();
        assertThat(rule.matches(Severity.INFO, ci(CiClass.SERVER, Environment.TEST))).isFalse();
        assertThat(rule.matches(Severity.INFO, ci(CiClass.SERVER, null))).isFalse();
    }

    @Test
    void aDisabledRuleMatchesNothing() {
        assertThat(rule(false, Severity.INFO, Set.of(), Set.of()).matches(Severity.CRITICAL, null)).isFalse();
    }
}
