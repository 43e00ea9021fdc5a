package io.opsline.servicedesk.internal.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertRuleTest {

    @Test
    void aRuleWithoutPatternMatchesEveryAlertOfItsSourceInAnyCase() {
        var rule = new AlertRule("monitoring", null);
        assertThat(rule.matches("Monitoring", "check:1")).isTrue();
        assertThat(rule.matches("monitoring", null)).isTrue();
        assertThat(rule.matches("alertmanager", "check:1")).isFalse();
        assertThat(rule.matches(null, "check:1")).isFalse();
    }

    @Test
    void aStarInThePatternStandsForAnyRunAndEverythingElseIsLiteral() {
        var rule = new AlertRule("alertmanager", "disk.*:full");
        assertThat(rule.matches("alertmanager", "disk.db-1:full")).isTrue();
        assertThat(rule.matches("alertmanager", "disk.:full")).isTrue();
        assertThat(rule.matches("alertmanager", "diskX:full")).isFalse();
        assertThat(rule.matches("alertmanager", "disk.db-1:full-ish")).isFalse();
        assertThat(rule.matches("alertmanager", null)).isFalse();
    }
}
