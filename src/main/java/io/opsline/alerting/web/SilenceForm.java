package io.opsline.alerting.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsline.alerting.internal.suppress.MatcherInput;
import io.opsline.alerting.internal.suppress.SilenceInput;

/**
 * The new-silence form as typed: matcher rows (three parallel lists, one entry per row), when it starts
 * (empty: now), how long it lasts ({@code duration}: {@code 1h}, {@code 4h}, {@code 1d}, or
 * {@code until} for {@code endsAt}) and why. Times without an offset are in the server's time zone.
 */
public record SilenceForm(List<String> matcherName, List<String> matcherOperator, List<String> matcherValue,
        String startsAt, String endsAt, String duration, String comment) {

    static final String UNTIL = "until";
    /** The row count the form offers besides those filled, so one more matcher can be typed without script. */
    private static final int SPARE_ROWS = 1;
    private static final int MAX_MATCHERS = 20;
    private static final int MAX_VALUE = 1000;
    /** A label whose value changes during an alert's life: silencing on it would let the alert escape. */
    private static final String SEVERITY = "severity";
    private static final Pattern ROW_FIELD = Pattern.compile("^matchers\\[(\\d+)]");
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\.\\[\\]{}()<>*+\\-=!?^$|]");
    private static final Map<String, Duration> PRESETS = Map.of("1h", Duration.ofHours(1), "4h", Duration.ofHours(4),
            "1d", Duration.ofDays(1));

    public SilenceForm {
        matcherName = matcherName == null ? List.of() : List.copyOf(matcherName);
        matcherOperator = matcherOperator == null ? List.of() : List.copyOf(matcherOperator);
        matcherValue = matcherValue == null ? List.of() : List.copyOf(matcherValue);
        duration = duration == null || duration.isBlank() ? "1h" : duration.strip();
    }

    /** A form with these matchers, lasting an hour from now. */
    static SilenceForm of(List<MatcherInput> matchers, String comment) {
        return new SilenceForm(matchers.stream().map(MatcherInput::name).toList(),
                matchers.stream().map(MatcherInput::operator).toList(),
                matchers.stream().map(MatcherInput::value).toList(), null, null, null, comment);
    }

    /**
     * Matchers that every one of these alerts' labels (as silences see them) meets: each label all of
     * them carry with a value, equal to it, or one of their values when they differ. Severity is left
     * out, as it changes during an alert's life. The matchers may cover more alerts than these (the
     * form says how many open alerts they match); they never cover fewer.
     */
    static List<MatcherInput> covering(Collection<Map<String, String>> labelSets) {
        if (labelSets.isEmpty()) {
            return List.of();
        }
        var names = new TreeSet<String>(labelSets.iterator().next().keySet());
        labelSets.forEach(labels -> names.retainAll(labels.keySet()));
        names.remove(SEVERITY);
        var matchers = new ArrayList<MatcherInput>();
        // The source first: it is what people recognise a silence by.
        var ordered = new ArrayList<String>();
        if (names.remove("source")) {
            ordered.add("source");
        }
        ordered.addAll(names);
        for (var name : ordered) {
            var values = new TreeSet<String>();
            labelSets.forEach(labels -> values.add(labels.get(name)));
            if (values.contains("")) {
                continue;
            }
            if (values.size() == 1) {
                matchers.add(new MatcherInput(name, "=", values.first()));
            } else {
                var alternatives = String.join("|", values.stream().map(SilenceForm::literal).toList());
                if (alternatives.length() <= MAX_VALUE) {
                    matchers.add(new MatcherInput(name, "=~", alternatives));
                }
            }
            if (matchers.size() == MAX_MATCHERS) {
                break;
            }
        }
        return matchers;
    }

    private static String literal(String value) {
        return REGEX_SPECIAL.matcher(value).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    /** The rows to show: those typed, and a spare empty one. */
    public List<MatcherInput> rows() {
        var rows = new ArrayList<MatcherInput>();
        var count = Math.max(matcherName.size(), Math.max(matcherOperator.size(), matcherValue.size()));
        for (int i = 0; i < count; i++) {
            rows.add(new MatcherInput(at(matcherName, i), at(matcherOperator, i), at(matcherValue, i)));
        }
        for (int i = 0; i < SPARE_ROWS && rows.size() < MAX_MATCHERS; i++) {
            rows.add(new MatcherInput("", "=", ""));
        }
        return rows;
    }

    /** The matcher rows filled in, in order; rows left empty are no matchers. */
    List<MatcherInput> matchers() {
        return rows().stream().filter(row -> !row.name().isBlank() || !row.value().isBlank()).toList();
    }

    /**
     * The silence to create, with its times made absolute.
     *
     * @param errors receives a message per time that cannot be read, keyed by its field
     */
    SilenceInput toInput(ZoneId zone, OffsetDateTime now, Map<String, String> errors) {
        var start = startsAt == null || startsAt.isBlank() ? null : time("startsAt", startsAt, zone, errors);
        String end;
        if (UNTIL.equals(duration)) {
            end = endsAt == null || endsAt.isBlank() ? null : time("endsAt", endsAt, zone, errors);
        } else if (PRESETS.containsKey(duration)) {
            var from = start == null ? now : OffsetDateTime.parse(start);
            end = from.plus(PRESETS.get(duration)).truncatedTo(ChronoUnit.SECONDS).toString();
        } else {
            errors.put("duration", "choose one of 1 hour, 4 hours, 1 day or until a time");
            end = null;
        }
        return new SilenceInput(matchers(), start, end, comment, null);
    }

    /**
     * The service's messages, keyed to the rows as shown: it numbers only the filled rows, while the
     * form shows the empty ones between them too. A time the service refuses is shown by the field that
     * set it.
     */
    Map<String, String> shownErrors(Map<String, String> errors) {
        var filled = new ArrayList<Integer>();
        var rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).name().isBlank() || !rows.get(i).value().isBlank()) {
                filled.add(i);
            }
        }
        var shown = new LinkedHashMap<String, String>();
        errors.forEach((field, message) -> {
            var row = ROW_FIELD.matcher(field);
            if (row.find() && Integer.parseInt(row.group(1)) < filled.size()) {
                shown.put("matchers[" + filled.get(Integer.parseInt(row.group(1))) + "]" + field.substring(row.end()),
                        message);
            } else if (field.equals("endsAt") && !UNTIL.equals(duration)) {
                shown.put("duration", message);
            } else {
                shown.put(field, message);
            }
        });
        return shown;
    }

    /** The duration choices, value to label. */
    static Map<String, String> durationOptions() {
        var options = new LinkedHashMap<String, String>();
        options.put("1h", "1 hour");
        options.put("4h", "4 hours");
        options.put("1d", "1 day");
        options.put(UNTIL, "Until the end time");
        return options;
    }

    static Map<String, String> operatorOptions() {
        var options = new LinkedHashMap<String, String>();
        options.put("=", "= equals");
        options.put("!=", "!= differs from");
        options.put("=~", "=~ matches regex");
        options.put("!~", "!~ does not match regex");
        return options;
    }

    private static String time(String field, String text, ZoneId zone, Map<String, String> errors) {
        var typed = text.strip();
        try {
            return OffsetDateTime.parse(typed).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(typed).atZone(zone).toOffsetDateTime().toString();
            } catch (DateTimeParseException again) {
                errors.put(field, "must be a date and time, e.g. 2026-03-29T02:00");
                return null;
            }
        }
    }

    private static String at(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i) : "";
    }
}
