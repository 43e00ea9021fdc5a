package io.opsline.servicedesk.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.opsline.servicedesk.internal.request.RequestField;
import io.opsline.servicedesk.internal.request.RequestTypeInput;
import io.opsline.servicedesk.internal.request.RequestTypeInput.FieldInput;
import io.opsline.servicedesk.internal.request.RequestTypeInput.TaskInput;
import io.opsline.servicedesk.internal.request.RequestTypeView;

/**
 * The request-type form as typed: the type's settings, field rows (parallel lists, one entry per row;
 * choices separated by commas) and task rows. Rows left empty are dropped, so the rows shown again
 * after an error are numbered as the service numbers them in its messages ({@code fields[2].key}).
 */
public record RequestTypeForm(Long version, String name, String description, String team, String approver,
        String approverTeam, String active, List<String> fieldKey, List<String> fieldLabel, List<String> fieldType,
        List<String> fieldRequired, List<String> fieldChoices, List<String> fieldMaxLength, List<String> taskTitle,
        List<String> taskTeam) {

    /** Empty rows the form offers besides those filled, so a few more can be typed without script. */
    static final int SPARE_ROWS = 3;

    /** One field row as the form shows it. */
    public record FieldRow(String key, String label, String type, String required, String choices, String maxLength) {

        boolean empty() {
            return blank(key) && blank(label) && blank(choices) && blank(maxLength);
        }
    }

    /** One task row as the form shows it. */
    public record TaskRow(String title, String team) {
    }

    static RequestTypeForm empty() {
        return new RequestTypeForm(null, null, null, null, null, null, "true", null, null, null, null, null, null, null,
                null);
    }

    static RequestTypeForm of(RequestTypeView type) {
        var fields = type.fields();
        return new RequestTypeForm(type.version(), type.name(), type.description(), id(type.team()),
                type.approver() == null ? null : type.approver().name(), id(type.approverTeam()),
                Boolean.toString(type.active()), fields.stream().map(RequestField::key).toList(),
                fields.stream().map(RequestField::label).toList(),
                fields.stream().map(f -> f.kind().key()).toList(),
                fields.stream().map(f -> Boolean.toString(f.required())).toList(),
                fields.stream().map(f -> String.join(", ", f.choices())).toList(),
                fields.stream().map(f -> f.maxLength() == null ? "" : f.maxLength().toString()).toList(),
                type.tasks().stream().map(RequestTypeView.TaskTemplateView::title).toList(),
                type.tasks().stream().map(t -> id(t.team())).toList());
    }

    /** The filled field rows, then the spare empty ones. */
    public List<FieldRow> fieldRows() {
        var rows = new ArrayList<>(filledFields());
        IntStream.range(0, SPARE_ROWS).forEach(i -> rows.add(new FieldRow("", "", "text", "false", "", "")));
        return rows;
    }

    public List<TaskRow> taskRows() {
        var rows = new ArrayList<>(filledTasks());
        IntStream.range(0, SPARE_ROWS).forEach(i -> rows.add(new TaskRow("", "")));
        return rows;
    }

    /** The input the service checks; a maximum length that is no number is reported in {@code errors}. */
    RequestTypeInput toInput(Map<String, String> errors) {
        var fields = filledFields();
        var inputs = new ArrayList<FieldInput>();
        for (var i = 0; i < fields.size(); i++) {
            var row = fields.get(i);
            Integer maxLength = null;
            if (!blank(row.maxLength())) {
                try {
                    maxLength = Integer.valueOf(row.maxLength().strip());
                } catch (NumberFormatException e) {
                    errors.put("fields[" + i + "].maxLength", "must be a whole number");
                }
            }
            var choices = blank(row.choices()) ? List.<String>of() : Arrays.asList(row.choices().split(","));
            inputs.add(new FieldInput(row.key(), row.label(), row.type(), "true".equals(row.required()), choices,
                    maxLength));
        }
        var tasks = filledTasks().stream().map(t -> new TaskInput(t.title(), t.team())).toList();
        return new RequestTypeInput(version, name, description, team, approver, approverTeam,
                "true".equals(active), inputs, tasks);
    }

    private List<FieldRow> filledFields() {
        var rows = new ArrayList<FieldRow>();
        for (var i = 0; i < size(fieldKey); i++) {
            var row = new FieldRow(at(fieldKey, i), at(fieldLabel, i), at(fieldType, i), at(fieldRequired, i),
                    at(fieldChoices, i), at(fieldMaxLength, i));
            if (!row.empty()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private List<TaskRow> filledTasks() {
        var rows = new ArrayList<TaskRow>();
        for (var i = 0; i < size(taskTitle); i++) {
            if (!blank(at(taskTitle, i)) || !blank(at(taskTeam, i))) {
                rows.add(new TaskRow(at(taskTitle, i), at(taskTeam, i)));
            }
        }
        return rows;
    }

    private static String id(io.opsline.servicedesk.internal.IncidentView.Named named) {
        return named == null ? null : named.id().toString();
    }

    private static int size(List<String> list) {
        return list == null ? 0 : list.size();
    }

    private static String at(List<String> list, int i) {
        return list != null && i < list.size() ? list.get(i) : "";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
