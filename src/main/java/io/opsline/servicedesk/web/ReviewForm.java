package io.opsline.servicedesk.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.opsline.servicedesk.internal.review.ReviewInput;
import io.opsline.servicedesk.internal.review.ReviewView;

/**
 * The review form as typed: {@code factors} one a line, {@code notes} one a line as
 * "2026-11-20 14:05 what happened" in the server's time zone, {@code entries} the ids of the ticked
 * timeline lines. {@code excerptShown} says the checkboxes were on the form, so none ticked means none
 * chosen. A form that sends only {@code version} and {@code state} moves the review and changes nothing else.
 */
record ReviewForm(Long version, String state, String summary, String impact, String rootCause, String factors,
        String lessons, List<String> entries, String notes, Boolean excerptShown) {

    private static final Pattern NOTE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2})?)\\s+(.*)");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static ReviewForm of(ReviewView review) {
        var notes = review.excerpt().stream().filter(line -> line.entryId() == null).map(line -> {
            var at = line.at().atZone(ZoneId.systemDefault());
            return (at.getSecond() == 0 ? MINUTES : SECONDS).format(at) + " " + line.text();
        }).toList();
        var entries = review.excerpt().stream().filter(line -> line.entryId() != null)
                .map(line -> line.entryId().toString()).toList();
        return new ReviewForm(review.version(), null, review.summary(), review.impact(), review.rootCause(),
                String.join("\n", review.factors()), review.lessons(), entries, String.join("\n", notes), true);
    }

    ReviewInput toInput() {
        var chosen = entries != null ? entries : Boolean.TRUE.equals(excerptShown) ? List.<String>of() : null;
        return new ReviewInput(version, state, summary, impact, rootCause, lines(factors), lessons, chosen,
                lines(notes) == null ? null : lines(notes).stream().map(ReviewForm::note).toList());
    }

    /** Errors keyed by the form's fields: a line's error beside its text area, saying which line. */
    static Map<String, String> shown(Map<String, String> errors) {
        var shown = new LinkedHashMap<String, String>();
        errors.forEach((field, message) -> {
            var bracket = field.indexOf('[');
            if (bracket < 0) {
                shown.merge(field, message, (a, b) -> a + "; " + b);
                return;
            }
            var name = field.substring(0, bracket);
            var line = Integer.parseInt(field.substring(bracket + 1, field.indexOf(']'))) + 1;
            shown.merge(name.equals("timelineEntries") ? "entries" : name, "line " + line + ": " + message,
                    (a, b) -> a + "; " + b);
        });
        return shown;
    }

    /** Whether the timeline line is ticked; public for the template. */
    public boolean chose(String entryId) {
        return entries != null && entries.contains(entryId);
    }

    private static List<String> lines(String text) {
        return text == null ? null : Arrays.stream(text.split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    private static ReviewInput.Note note(String line) {
        var matcher = NOTE.matcher(line.strip());
        return matcher.matches() ? new ReviewInput.Note(matcher.group(1), matcher.group(2)) : new ReviewInput.Note(null,
                line);
    }
}
