package io.opsline.alerting.internal.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The calendar feed as RFC 5545 wants it. */
class ICalendarTest {

    static final UUID SCHEDULE = new UUID(9, 9);
    static final UUID ANNA = new UUID(0, 1);
    static final Shift SHIFT = new Shift(ANNA, "anna", Instant.parse("2026-06-01T07:00:00Z"),
            Instant.parse("2026-06-02T07:00:00Z"), "primary");

    @Test
    void everyLineEndsWithCrLfAndNoneIsLongerThan75Octets() {
        var longName = "Zoë Ångström-Müller, night owl; ".repeat(6);
        var calendar = ICalendar.of(SCHEDULE, "Database team", List.of(SHIFT), id -> longName,
                Instant.parse("2026-05-31T12:00:00Z"));

        assertThat(calendar).endsWith("END:VCALENDAR\r\n");
        assertThat(calendar.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (var line : calendar.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        // Unfolding (RFC 5545 3.1) gives the escaped summary back whole, with no character split apart.
        var unfolded = calendar.replace("\r\n ", "");
        assertThat(unfolded).contains("SUMMARY:On call: " + ICalendar.text(longName) + "\r\n");
        assertThat(calendar.lines().filter(l -> l.startsWith(" ")).count()).isGreaterThan(2);
    }

    @Test
    void aShiftIsOneEventInUtcWithAUidThatStaysTheSame() {
        var stamp = Instant.parse("2026-05-31T12:00:00Z");
        var calendar = ICalendar.of(SCHEDULE, "Database team", List.of(SHIFT), id -> "Anna", stamp);

        var lines = List.of(calendar.split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("BEGIN:VCALENDAR");
        assertThat(lines).contains("VERSION:2.0", "BEGIN:VEVENT", "DTSTAMP:20260531T120000Z",
                "DTSTART:20260601T070000Z", "DTEND:20260602T070000Z", "SUMMARY:On call: Anna", "END:VEVENT");
        assertThat(lines.stream().filter(l -> l.startsWith("PRODID:"))).hasSize(1);
        var uid = lines.stream().filter(l -> l.startsWith("UID:")).findFirst().orElseThrow();
        var again = ICalendar.of(SCHEDULE, "Database team", List.of(SHIFT), id -> "Anna", stamp.plusSeconds(3600));
        assertThat(again).contains(uid + "\r\n");
        var other = new Shift(ANNA, "anna", SHIFT.from(), SHIFT.to().plusSeconds(3600), "primary");
        assertThat(ICalendar.of(SCHEDULE, "Database team", List.of(other), id -> "Anna", stamp)).doesNotContain(uid);
    }

    @Test
    void textValuesEscapeWhatWouldEndOrSplitThem() {
        assertThat(ICalendar.text("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
    }
}
