package io.opsline.servicedesk.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsline.servicedesk.internal.problem.ProblemInput;
import io.opsline.servicedesk.internal.problem.ProblemView;

/** The problem form as typed: {@code cis} are CI ids separated by commas, spaces or lines. */
record ProblemForm(Long version, String title, String description, String team, String assignee, String cis,
        String rootCause, String workaround) {

    static ProblemForm empty() {
        return new ProblemForm(null, "", "", "", "", "", "", "");
    }

    static ProblemForm of(ProblemView p) {
        return new ProblemForm(p.version(), p.title(), p.description(), p.team() == null ? "" : p.team().name(),
                p.assignee() == null ? "" : p.assignee().name(),
                String.join("\n", p.cis().stream().map(c -> c.id().toString()).toList()), p.rootCause(),
                p.workaround());
    }

    /** Every field as given: a blank one clears what was stored. */
    ProblemInput toInput() {
        var ids = cis == null || cis.isBlank() ? List.<String>of()
                : Arrays.stream(cis.strip().split("[\\s,]+")).toList();
        return new ProblemInput(version, text(title), text(description), text(team), text(assignee), ids,
                text(rootCause), text(workaround));
    }

    /** Errors keyed by the form's fields: one message for the CI list however many ids were wrong. */
    static Map<String, String> shown(Map<String, String> errors) {
        var shown = new LinkedHashMap<String, String>();
        errors.forEach((field, message) -> shown.merge(field.startsWith("cis[") ? "cis" : field,
                field.startsWith("cis[") ? "item " + (Integer.parseInt(field.substring(4, field.indexOf(']'))) + 1)
                        + ": " + message : message, (a, b) -> a + "; " + b));
        return shown;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
