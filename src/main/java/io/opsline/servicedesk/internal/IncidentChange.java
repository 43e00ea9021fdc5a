package io.opsline.servicedesk.internal;

import java.util.List;

/**
 * A change to an incident's fields, made on top of {@code version} (the version the writer read).
 * A null field stays as it is; an empty {@code caller}, {@code team}, {@code assignee} or
 * {@code category} or {@code customer} clears it. A new caller brings their customer along unless
 * {@code customer} names another.
 */
public record IncidentChange(Long version, String title, String description, String caller, String category,
        String impact, String urgency, Boolean major, String team, String assignee, List<String> cis, String customer) {
}
