package io.opsline.alerting.internal.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.platform.Violations;

class MatcherTest {

    private static List<Matcher> valid(MatcherInput... inputs) {
        var violations = new Violations();
        var matchers = Matcher.validate("matchers", List.of(inputs), violations);
        assertThat(violations.list()).isEmpty();
        return matchers;
    }

    @Test
    void aLabelTheAlertLacksHasTheEmptyValue() {
        var absent = valid(new MatcherInput("team", "=", ""));
        assertThat(Matcher.all(absent, Map.of("job", "api"))).isTrue();
        assertThat(Matcher.all(absent, Map.of("team", "db"))).isFalse();
        var present = valid(new MatcherInput("team", "!=", ""));
        assertThat(Matcher.all(present, Map.of())).isFalse();
    }

    @Test
    void regularExpressionsAreAnchoredAtBothEnds() {
        var matchers = valid(new MatcherInput("instance", "=~", "web-\\d+"));
        assertThat(Matcher.all(matchers, Map.of("instance", "web-12"))).isTrue();
        assertThat(Matcher.all(matchers, Map.of("instance", "web-12:9100"))).isFalse();
        assertThat(Matcher.all(matchers, Map.of("instance", "old-web-12"))).isFalse();
        var negative = valid(new MatcherInput("instance", "!~", "web-\\d+"));
        assertThat(Matcher.all(negative, Map.of("instance", "web-12:9100"))).isTrue();
    }

    @Test
    void everyBadMatcherIsNamed() {
        var violations = new Violations();
        var matchers = Matcher.validate("matchers", List.of(new MatcherInput("a", "=~", "[z"),
                new MatcherInput("", "=", "x"), new MatcherInput("b", "~", "x")), violations);
        assertThat(matchers).isEmpty();
        assertThat(violations.list()).extracting(v -> v.field()).containsExactly("matchers[0].value",
                "matchers[1].name", "matchers[2].operator");
        assertThat(violations.list().getFirst().message()).contains("a=~[z");
    }

    @Test
    void matchEverythingSpotsMatchersThatWouldCoverEveryAlert() {
        assertThat(Matcher.matchEverything(valid(new MatcherInput("x", "=~", ".*")))).isTrue();
        assertThat(Matcher.matchEverything(valid(new MatcherInput("x", "=~", ".+")))).isFalse();
    }

    @Test
    void pseudoLabelsReplaceTheSendersOwn() {
        var ci = UUID.randomUUID();
        var alert = new Alert(UUID.randomUUID(), "f", "prometheus", null, AlertStatus.FIRING, Severity.CRITICAL, "s",
                ci, null, Map.of("severity", "page", "job", "node"), Map.of(), null, Instant.EPOCH, Instant.EPOCH, 1,
                null, null, null, null, null, 0);
        assertThat(AlertLabels.of(alert)).containsEntry("severity", "critical").containsEntry("source", "prometheus")
                .containsEntry("ci", ci.toString()).containsEntry("job", "node");
    }
}
