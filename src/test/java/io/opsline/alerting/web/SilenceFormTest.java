package io.opsline.alerting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.internal.suppress.MatcherInput;

class SilenceFormTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void oneAlertIsCoveredByEachOfItsLabelsButItsSeverityTheSourceFirst() {
        var matchers = SilenceForm.covering(List.of(Map.of("source", "alertmanager", "alertname", "HostDown",
                "instance", "db-1:9100", "severity", "critical", "ci", "")));

        assertThat(matchers).containsExactly(new MatcherInput("source", "=", "alertmanager"),
                new MatcherInput("alertname", "=", "HostDown"), new MatcherInput("instance", "=", "db-1:9100"));
    }

    @Test
    void severalAlertsAreCoveredByTheLabelsTheyShareWithTheirValuesAsLiteralAlternatives() {
        var matchers = SilenceForm.covering(List.of(
                Map.of("source", "am", "alertname", "HostDown", "instance", "db-1.example:9100", "team", "db"),
                Map.of("source", "am", "alertname", "HostDown", "instance", "web(2)|x")));

        assertThat(matchers).containsExactly(new MatcherInput("source", "=", "am"),
                new MatcherInput("alertname", "=", "HostDown"),
                new MatcherInput("instance", "=~", "db\\-1\\.example:9100|web\\(2\\)\\|x"));
        var regex = Pattern.compile(matchers.get(2).value());
        assertThat(regex.matcher("db-1.example:9100").matches()).isTrue();
        assertThat(regex.matcher("web(2)|x").matches()).isTrue();
        assertThat(regex.matcher("db-1Xexample:9100").matches()).as("dots are literal").isFalse();
        assertThat(regex.matcher("web(2)").matches()).isFalse();
    }

    @Test
    void aLabelSomeAlertsLackOrHaveEmptyIsNoMatcher() {
        var matchers = SilenceForm.covering(List.of(Map.of("source", "a", "ci", "", "job", "node"),
                Map.of("source", "b", "ci", "3f1c", "job", "node")));

        assertThat(matchers).containsExactly(new MatcherInput("source", "=~", "a|b"), new MatcherInput("job", "=", "node"));
        assertThat(SilenceForm.covering(List.of())).isEmpty();
    }

    @Test
    void aPresetDurationCountsFromTheStartAndLocalTimesAreInTheServerZone() {
        var now = OffsetDateTime.parse("2026-03-28T10:00:00+01:00");
        var errors = new HashMap<String, String>();

        var fromNow = form(List.of("job"), List.of("="), List.of("node"), null, null, "4h").toInput(BERLIN, now, errors);
        assertThat(fromNow.startsAt()).isNull();
        assertThat(fromNow.endsAt()).isEqualTo("2026-03-28T14:00+01:00");
        assertThat(fromNow.matchers()).containsExactly(new MatcherInput("job", "=", "node"));

        // A day is 24 hours, as in Alertmanager: across the switch to summer time it ends at 11:00 local time.
        var later = form(List.of("job"), List.of("="), List.of("node"), "2026-03-28T10:00", null, "1d")
                .toInput(BERLIN, now, errors);
        assertThat(later.startsAt()).isEqualTo("2026-03-28T10:00+01:00");
        assertThat(OffsetDateTime.parse(later.endsAt()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-03-29T11:00+02:00").toInstant());

        var until = form(List.of("job"), List.of("="), List.of("node"), null, "2026-04-01T08:30Z", "until")
                .toInput(BERLIN, now, errors);
        assertThat(until.endsAt()).isEqualTo("2026-04-01T08:30Z");
        assertThat(errors).isEmpty();
    }

    @Test
    void unreadableTimesAndUnknownDurationsAreNamedByTheirField() {
        var errors = new HashMap<String, String>();
        form(List.of(), List.of(), List.of(), "tomorrow", "soon", "until").toInput(BERLIN, OffsetDateTime.now(), errors);
        assertThat(errors).containsOnlyKeys("startsAt", "endsAt");

        errors.clear();
        form(List.of(), List.of(), List.of(), null, null, "forever").toInput(BERLIN, OffsetDateTime.now(), errors);
        assertThat(errors).containsOnlyKeys("duration");
    }

    @Test
    void emptyRowsAreSkippedAndTheServicesRowNumbersPointAtTheRowsAsShown() {
        var typed = form(List.of("", "alertname", "", "instance"), List.of("=", "=~", "=", "="),
                List.of("", "(", "", ""), null, null, "1h");

        assertThat(typed.matchers()).extracting(MatcherInput::name).containsExactly("alertname", "instance");
        assertThat(typed.rows()).as("the typed rows and a spare one").hasSize(5);
        assertThat(typed.shownErrors(Map.of("matchers[0].value", "no valid regular expression", "matchers[1].value",
                "x", "comment", "is required", "endsAt", "a silence may last at most 30 days")))
                .containsOnly(Map.entry("matchers[1].value", "no valid regular expression"),
                        Map.entry("matchers[3].value", "x"), Map.entry("comment", "is required"),
                        Map.entry("duration", "a silence may last at most 30 days"));
    }

    private static SilenceForm form(List<String> names, List<String> operators, List<String> values, String startsAt,
            String endsAt, String duration) {
        return new SilenceForm(names, operators, values, startsAt, endsAt, duration, "because");
    }
}
