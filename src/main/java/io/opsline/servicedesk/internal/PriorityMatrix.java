package io.opsline.servicedesk.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.opsline.platform.Choice;
import io.opsline.servicedesk.Priority;

/** Impact × urgency → priority, as configured ({@code opsline.servicedesk.priority-matrix}). */
@Component
public class PriorityMatrix {

    private final Priority[][] cells;

    @Autowired
    PriorityMatrix(ServiceDeskProperties properties) {
        this(properties.priorityMatrix());
    }

    PriorityMatrix(List<String> rows) {
        var size = Level.values().length;
        if (rows.size() != size) {
            throw new IllegalArgumentException("opsline.servicedesk.priority-matrix needs " + size
                    + " rows (impact high, medium, low), has " + rows.size());
        }
        cells = new Priority[size][];
        for (var impact = 0; impact < size; impact++) {
            var columns = rows.get(impact).split(",");
            if (columns.length != size) {
                throw new IllegalArgumentException("opsline.servicedesk.priority-matrix row " + (impact + 1) + " ("
                        + rows.get(impact) + ") needs " + size + " priorities (urgency high, medium, low)");
            }
            cells[impact] = new Priority[size];
            for (var urgency = 0; urgency < size; urgency++) {
                var text = columns[urgency];
                cells[impact][urgency] = Choice.parse(Priority.class, text).orElseThrow(() ->
                        new IllegalArgumentException("opsline.servicedesk.priority-matrix: '" + text.strip()
                                + "' is not one of " + Choice.keys(Priority.class)));
            }
        }
    }

    public Priority priority(Level impact, Level urgency) {
        return cells[impact.rank() - 1][urgency.rank() - 1];
    }

    /** The rows, impact high first, for showing the matrix. */
    public List<List<Priority>> rows() {
        var rows = new ArrayList<List<Priority>>();
        for (var row : cells) {
            rows.add(List.of(row));
        }
        return rows;
    }
}
