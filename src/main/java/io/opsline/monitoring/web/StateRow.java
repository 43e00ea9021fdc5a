package io.opsline.monitoring.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgement;
import io.opsline.monitoring.internal.engine.StateView;

/**
 * A check's state as a row of the board or a list shows it, with the words worked out here rather
 * than in templates.
 *
 * @param stateKey the state in lower case, for CSS classes ({@code critical}, {@code pending})
 * @param handled a problem someone has taken on, that is expected, or that a down parent explains
 * @param prominent a confirmed problem nobody handles: what needs someone now
 * @param since how long it has been in this state, e.g. "12 min"; a dash when unknown
 * @param attempt e.g. "2/3 soft"; a dash before the first result
 * @param acknowledgement who acknowledged it, when and why, in one line; null when nobody did
 */
public record StateRow(StateView view, String stateKey, boolean handled, boolean prominent, String since,
        String attempt, String acknowledgement) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static StateRow of(StateView view, Instant now) {
        var handled = view.isProblem() && !view.isUnhandled();
        var prominent = view.isUnhandled() && StateType.HARD.name().equals(view.stateType());
        var since = view.lastChange() == null ? "—" : Ages.of(Duration.between(view.lastChange(), now));
        var attempt = view.stateType() == null ? "—"
                : "%d/%d %s".formatted(view.attempt(), view.maxAttempts(), view.stateType().toLowerCase(Locale.ROOT));
        return new StateRow(view, view.state().toLowerCase(Locale.ROOT), handled, prominent, since, attempt,
                view.acknowledgement() == null ? null : describe(view.acknowledgement()));
    }

    private static String describe(Acknowledgement a) {
        var terms = new StringBuilder();
        if (a.sticky()) {
            terms.append(", sticky");
        }
        if (a.expiresAt() != null) {
            terms.append(", until ").append(when(a.expiresAt()));
        }
        return "Acknowledged by %s at %s%s: %s".formatted(a.author(), when(a.at()), terms, a.comment());
    }

    private static String when(Instant instant) {
        return WHEN.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** The CI's name, or its id when the CI is gone. */
    public String ciName() {
        return view.ci().name() == null ? view.ci().id().toString() : view.ci().name();
    }

    /** "web01 · disk /var": the CI and the check, as lists of outcomes name them. */
    public String label() {
        return ciName() + " · " + view.checkName();
    }
}
