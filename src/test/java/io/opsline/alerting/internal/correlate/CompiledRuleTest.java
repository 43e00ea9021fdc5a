package io.opsline.alerting.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;

class CompiledRuleTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static final CompiledRule RULE = new CompiledRule(new GroupingRule(UUID.randomUUID(), "db", 1,
            List.of(new LabelMatcher("team", "db|storage", true), new LabelMatcher("severity", "critical", false),
                    new LabelMatcher("source", "prometheus", false)),
            List.of("cluster", "alertname"), 300, T, T, 0));

    private static Alert alert(Severity severity, Map<String, String> labels) {
        return new Alert(UUID.randomUUID(), "f", "prometheus", "k", AlertStatus.FIRING, severity, "s", null, null,
                labels, Map.of(), null, T, T, 1, null, null, null, null, null, 0);
    }

    @Test
    void matchesWholeRegexSeverityInAnyCaseAndSourceAndKeysByTheGroupByValues() {
        var key = RULE.keyOf(alert(Severity.CRITICAL, Map.of("team", "storage", "cluster", "eu", "alertname", "Disk")));

        assertThat(key).hasValueSatisfying(k -> {
            assertThat(k.text()).isEqualTo("cluster=eu, alertname=Disk");
            assertThat(k.openKey()).hasSize(64);
        });
        assertThat(RULE.keyOf(alert(Severity.CRITICAL, Map.of("team", "dbx", "cluster", "eu", "alertname", "Disk"))))
                .isEmpty();
        assertThat(RULE.keyOf(alert(Severity.WARNING, Map.of("team", "db", "cluster", "eu", "alertname", "Disk"))))
                .isEmpty();
    }

    @Test
    void anAlertLackingAGroupByLabelDoesNotMatch() {
        assertThat(RULE.keyOf(alert(Severity.CRITICAL, Map.of("team", "db", "alertname", "Disk")))).isEmpty();
    }

    @Test
    void differentValuesMakeDifferentKeysEvenWhenTheirTextLooksAlike() {
        var a = RULE.keyOf(alert(Severity.CRITICAL, Map.of("team", "db", "cluster", "eu, alertname=x",
                "alertname", "y"))).orElseThrow();
        var b = RULE.keyOf(alert(Severity.CRITICAL, Map.of("team", "db", "cluster", "eu",
                "alertname", "x, alertname=y"))).orElseThrow();

        assertThat(a.openKey()).isNotEqualTo(b.openKey());
    }
}
