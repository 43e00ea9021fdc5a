package io.opsline.servicedesk.internal;

import java.util.List;

/**
 * A new incident as a person or a client sends it. {@code caller}, {@code team}, {@code assignee} and
 * {@code customer} are ids or names; {@code cis} are CI ids; impact and urgency default to medium; the
 * customer to the caller's.
 */
public record IncidentInput(String title, String description, String caller, String category, String impact,
        String urgency, Boolean major, String team, String assignee, List<String> cis, String customer) {
}
