package io.opsline.alerting.web;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.platform.PagerLinks;
import io.opsline.platform.Violations;

/**
 * The alert console's filters as query parameters: {@code status} (empty: the open ones;
 * {@code resolved}, {@code all} or one status), {@code severity}, {@code source},
 * {@code unmapped=true} (no CI matched) and {@code q} (words in the summary).
 */
public record ConsoleFilter(String status, String severity, String source, String unmapped, String q) {

    static final String ALL = "all";
    private static final int MAX_TEXT = 200;
    private static final Set<AlertStatus> OPEN = EnumSet.of(AlertStatus.FIRING, AlertStatus.ACKNOWLEDGED,
            AlertStatus.SUPPRESSED);

    static ConsoleFilter none() {
        return new ConsoleFilter(null, null, null, null, null);
    }

    public boolean onlyUnmapped() {
        return "true".equals(unmapped);
    }

    /** Whether only open alerts are shown, as when nobody asked for others. */
    public boolean showsOpenOnly() {
        return status == null || status.isBlank();
    }

    public boolean isEmpty() {
        return query().isEmpty();
    }

    /** The console's address with these filters. */
    public String url() {
        var query = query();
        return "/alerts" + (query.isEmpty() ? "" : "?" + query);
    }

    /** The console's address with these filters, ready for {@code page=N}. */
    public String pagerBase() {
        return PagerLinks.base("/alerts", pairs());
    }

    /** The same filters showing only open alerts of one severity: where a count at the top leads. */
    public String withSeverity(Severity chosen) {
        return new ConsoleFilter(null, chosen.name().toLowerCase(Locale.ROOT), source, unmapped, q).url();
    }

    /** The filters as the repository reads them; a violation per filter that means nothing. */
    AlertFilter toAlertFilter() {
        var v = new Violations();
        Set<AlertStatus> statuses = OPEN;
        if (!showsOpenOnly()) {
            var wanted = status.strip().toUpperCase(Locale.ROOT);
            if (wanted.equals("ALL")) {
                statuses = Set.of();
            } else {
                statuses = parse(v, "status", wanted, AlertStatus.class);
            }
        }
        Set<Severity> severities = Set.of();
        if (severity != null && !severity.isBlank()) {
            severities = parse(v, "severity", severity.strip().toUpperCase(Locale.ROOT), Severity.class);
        }
        var shownSource = v.optional("source", source, MAX_TEXT);
        var text = v.optional("q", q, MAX_TEXT);
        v.throwIfAny("Invalid filter");
        return new AlertFilter(statuses, severities, shownSource, null, onlyUnmapped(), text);
    }

    /** The choices of the status filter, value to label; the empty value is the open alerts. */
    static Map<String, String> statusOptions() {
        var options = new LinkedHashMap<String, String>();
        options.put("", "Open (firing, acknowledged, suppressed)");
        for (var s : AlertStatus.values()) {
            options.put(s.name().toLowerCase(Locale.ROOT), AlertRow.label(s.name()));
        }
        options.put(ALL, "All, resolved too");
        return options;
    }

    static Map<String, String> severityOptions() {
        var options = new LinkedHashMap<String, String>();
        for (var s : Severity.values()) {
            options.put(s.name().toLowerCase(Locale.ROOT), AlertRow.label(s.name()));
        }
        return options;
    }

    private static <E extends Enum<E>> Set<E> parse(Violations v, String field, String name, Class<E> type) {
        for (var constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return EnumSet.of(constant);
            }
        }
        v.add(field, "unknown value '%s'".formatted(name.toLowerCase(Locale.ROOT)));
        return Set.of();
    }

    private String query() {
        return PagerLinks.query(pairs());
    }

    private String[] pairs() {
        return new String[] {"status", status, "severity", severity, "source", source, "unmapped",
            onlyUnmapped() ? "true" : null, "q", q};
    }
}
