package io.opsline.alerting.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.Severity;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;

/** Each routing condition on its own, and time windows over midnight and in other zones. */
class RuleMatchingTest {

    static final UUID DBA_TEAM = new UUID(7, 7);
    static final Instant NOON_UTC = Instant.parse("2026-06-03T12:00:00Z");
    static final CiSummary DB = new CiSummary(new UUID(1, 1), CiClass.DATABASE, "db-1", CiStatus.ACTIVE,
            Environment.PRODUCTION, Criticality.HIGH, DBA_TEAM, List.of("Payments", "eu"), List.of());

    static RoutableAlert alert(Severity severity, CiSummary ci) {
        return new RoutableAlert("Prometheus", severity, Map.of("alertname", "DiskFull", "team", "dba"), ci);
    }

    static boolean matches(RuleConditions conditions, RoutableAlert alert, Instant at) {
        return conditions.conditions().stream().allMatch(c -> c.test(alert, at));
    }

    static RuleConditions none() {
        return new RuleConditions(null, null, null, null, null, null, null, null);
    }

    @Test
    void anEmptyRuleMatchesEveryAlert() {
        assertThat(none().conditions()).isEmpty();
        assertThat(matches(none(), alert(Severity.INFO, null), NOON_UTC)).isTrue();
    }

    @Test
    void severitiesAndSourcesMatchWhenTheAlertsIsAmongThem() {
        var severity = new Condition.SeverityIn(Set.of(Severity.CRITICAL, Severity.ERROR));
        assertThat(severity.test(alert(Severity.CRITICAL, DB), NOON_UTC)).isTrue();
        assertThat(severity.test(alert(Severity.WARNING, DB), NOON_UTC)).isFalse();
        assertThat(severity.has(alert(Severity.WARNING, DB), NOON_UTC)).isEqualTo("WARNING");

        var source = new Condition.SourceIn(Set.of("prometheus", "zabbix"));
        assertThat(source.test(alert(Severity.INFO, DB), NOON_UTC)).as("case does not matter").isTrue();
        assertThat(source.test(new RoutableAlert("nagios", Severity.INFO, Map.of(), DB), NOON_UTC)).isFalse();
    }

    @Test
    void ciConditionsLookAtTheCiAndNeverMatchAnAlertWithoutOne() {
        var ciClass = new Condition.CiClassIn(Set.of(CiClass.DATABASE));
        var environment = new Condition.EnvironmentIn(Set.of(Environment.PRODUCTION));
        var team = new Condition.OwnerTeamIn(Set.of(DBA_TEAM));
        var tags = new Condition.AnyTag(Set.of("payments", "billing"));
        for (Condition condition : List.of(ciClass, environment, team, tags)) {
            assertThat(condition.test(alert(Severity.INFO, DB), NOON_UTC)).as(condition.name()).isTrue();
            assertThat(condition.test(alert(Severity.INFO, null), NOON_UTC)).as(condition.name()).isFalse();
            assertThat(condition.has(alert(Severity.INFO, null), NOON_UTC)).isEqualTo("no CI");
        }
        assertThat(new Condition.CiClassIn(Set.of(CiClass.SERVER)).test(alert(Severity.INFO, DB), NOON_UTC)).isFalse();
        assertThat(new Condition.EnvironmentIn(Set.of(Environment.STAGING)).test(alert(Severity.INFO, DB), NOON_UTC))
                .isFalse();
        assertThat(new Condition.OwnerTeamIn(Set.of(new UUID(8, 8))).test(alert(Severity.INFO, DB), NOON_UTC))
                .isFalse();
        assertThat(new Condition.AnyTag(Set.of("billing")).test(alert(Severity.INFO, DB), NOON_UTC)).isFalse();
    }

    @Test
    void everyLabelMatcherMustHoldExactly() {
        var both = new Condition.LabelsEqual(Map.of("alertname", "DiskFull", "team", "dba"));
        assertThat(both.test(alert(Severity.INFO, null), NOON_UTC)).isTrue();
        var wrongValue = new Condition.LabelsEqual(Map.of("alertname", "DiskFull", "team", "DBA"));
        assertThat(wrongValue.test(alert(Severity.INFO, null), NOON_UTC)).isFalse();
        var missing = new Condition.LabelsEqual(Map.of("region", "eu"));
        assertThat(missing.test(alert(Severity.INFO, null), NOON_UTC)).isFalse();
        assertThat(missing.has(alert(Severity.INFO, null), NOON_UTC)).isEqualTo("labels {region=null}");
    }

    @Test
    void aWindowOverMidnightBelongsToTheDayItStartsOn() {
        var fridayNight = new TimeWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), "UTC");

        assertThat(fridayNight.contains(Instant.parse("2026-06-05T23:30:00Z"))).as("Friday 23:30").isTrue();
        assertThat(fridayNight.contains(Instant.parse("2026-06-06T03:00:00Z"))).as("Saturday 03:00").isTrue();
        assertThat(fridayNight.contains(Instant.parse("2026-06-06T06:00:00Z"))).as("Saturday 06:00").isFalse();
        assertThat(fridayNight.contains(Instant.parse("2026-06-05T03:00:00Z"))).as("Friday 03:00").isFalse();
        assertThat(fridayNight.contains(Instant.parse("2026-06-06T23:00:00Z"))).as("Saturday 23:00").isFalse();
        assertThat(fridayNight.contains(Instant.parse("2026-06-05T21:59:00Z"))).as("Friday 21:59").isFalse();
    }

    @Test
    void aWindowIsReadInItsOwnTimeZone() {
        var officeHours = new TimeWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), "America/New_York");

        // Wednesday 12:00 UTC is 08:00 in New York (EDT): before office hours there.
        assertThat(officeHours.contains(NOON_UTC)).isFalse();
        assertThat(officeHours.contains(Instant.parse("2026-06-03T13:00:00Z"))).isTrue();
        assertThat(officeHours.contains(Instant.parse("2026-06-03T21:00:00Z"))).isFalse();
        // In winter (EST) the same local hours are an hour later in UTC.
        assertThat(officeHours.contains(Instant.parse("2026-01-07T13:30:00Z"))).isFalse();
        assertThat(officeHours.contains(Instant.parse("2026-01-07T14:00:00Z"))).isTrue();
    }

    @Test
    void aWindowWithoutTimesIsWholeDaysAndWithoutDaysEveryDay() {
        var weekend = new TimeWindow(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), null, null, "Europe/Berlin");
        // Friday 22:30 UTC is already Saturday 00:30 in Berlin.
        assertThat(weekend.contains(Instant.parse("2026-06-05T22:30:00Z"))).isTrue();
        assertThat(weekend.contains(Instant.parse("2026-06-05T21:30:00Z"))).isFalse();

        var nightly = new TimeWindow(Set.of(), LocalTime.of(20, 0), LocalTime.of(8, 0), "UTC");
        assertThat(nightly.contains(Instant.parse("2026-06-03T07:59:00Z"))).isTrue();
        assertThat(nightly.contains(Instant.parse("2026-06-03T08:00:00Z"))).isFalse();
    }

    @Test
    void allConditionsOfARuleMustHold() {
        var conditions = new RuleConditions(Set.of(Severity.CRITICAL), Set.of("prometheus"), Set.of(CiClass.DATABASE),
                Set.of(Environment.PRODUCTION), Set.of(DBA_TEAM), Set.of("payments"), Map.of("team", "dba"),
                new TimeWindow(Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC"));

        assertThat(conditions.conditions()).hasSize(8);
        assertThat(matches(conditions, alert(Severity.CRITICAL, DB), NOON_UTC)).isTrue();
        assertThat(matches(conditions, alert(Severity.CRITICAL, DB), Instant.parse("2026-06-03T18:00:00Z"))).isFalse();
        assertThat(matches(conditions, alert(Severity.ERROR, DB), NOON_UTC)).isFalse();
    }
}
