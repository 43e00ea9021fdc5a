package io.opsline.servicedesk.internal.problem;

import java.util.List;

/**
 * A new problem, or a change to one made on top of {@code version} (the version the writer read).
 * {@code team} and {@code assignee} are ids or names, {@code cis} CI ids. In a change a null field
 * stays as it is and an empty text clears it.
 */
public record ProblemInput(Long version, String title, String description, String team, String assignee,
        List<String> cis, String rootCause, String workaround) {
}
