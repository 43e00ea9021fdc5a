package io.opsline.servicedesk.internal.request;

import java.util.List;

/**
 * A request type as written by an admin: {@code team}, {@code approverTeam} and task teams by id or
 * name, {@code approver} by id or username; {@code version} is required when changing one.
 */
public record RequestTypeInput(Long version, String name, String description, String team, String approver,
        String approverTeam, Boolean active, List<FieldInput> fields, List<TaskInput> tasks) {

    /** A field: {@code type} one of text, number, choice, date, boolean. */
    public record FieldInput(String key, String label, String type, Boolean required, List<String> choices,
            Integer maxLength) {
    }

    public record TaskInput(String title, String team) {
    }
}
