package io.opsline.alerting.internal.oncall;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Shifts as an iCalendar document (RFC 5545) that calendar apps subscribe to: CRLF line ends,
 * lines folded at 75 octets without splitting a UTF-8 character, times in UTC. A shift's UID
 * follows from who is on call when, so an unchanged shift stays the same event on every refresh.
 */
final class ICalendar {

    private static final String CRLF = "\r\n";
    private static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    /**
     * @param names how to call each person on call, by user id
     */
    static String of(UUID scheduleId, String scheduleName, List<Shift> shifts, Function<UUID, String> names,
            Instant stamp) {
        var out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Opsline//On-call schedules//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text("On call: " + scheduleName));
        for (var shift : shifts) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + uid(scheduleId, shift));
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(shift.from()));
            line(out, "DTEND:" + UTC.format(shift.to()));
            line(out, "SUMMARY:" + text("On call: " + names.apply(shift.userId())));
            line(out, "DESCRIPTION:" + text("%s (%s), schedule %s".formatted(shift.username(), shift.origin(),
                    scheduleName)));
            line(out, "TRANSP:TRANSPARENT");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static String uid(UUID scheduleId, Shift shift) {
        var key = String.join("|", scheduleId.toString(), shift.userId().toString(), shift.from().toString(),
                shift.to().toString(), shift.origin());
        return FeedToken.hash(key).substring(0, 32) + "@opsline";
    }

    /** Escapes a TEXT value (RFC 5545 3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends one content line, folded so that no physical line exceeds 75 octets. */
    static void line(StringBuilder out, String content) {
        var octets = 0;
        var limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            var codePoint = content.codePointAt(i);
            var size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(CRLF).append(' ');
                // The leading space of a continuation line counts towards its 75 octets.
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append(CRLF);
    }
}
