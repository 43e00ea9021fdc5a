package io.opsline.monitoring.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.util.MultiValueMap;

/**
 * The board's bulk form as sent: the problems selected ({@code check}, one per row) and the
 * fields of the action, kept to show again, the selection and the action still open, when the
 * action was refused.
 *
 * @param open the action panel to show open: {@code acknowledge}, {@code downtime} or null
 */
public record BulkForm(Set<String> selected, String open, Map<String, String> values) {

    static final List<String> FIELDS = List.of("comment", "sticky", "expiresAt", "downtimeComment", "start", "end",
            "cover", "zone");

    static BulkForm none() {
        return new BulkForm(Set.of(), null, Map.of());
    }

    static BulkForm from(MultiValueMap<String, String> request, String open) {
        var selected = new LinkedHashSet<String>();
        var checks = request.get("check");
        if (checks != null) {
            checks.stream().filter(id -> id != null && !id.isBlank()).map(String::strip).forEach(selected::add);
        }
        var values = new LinkedHashMap<String, String>();
        FIELDS.forEach(field -> values.put(field, request.getFirst(field)));
        return new BulkForm(selected, open, values);
    }

    /** Public because templates read it: SpEL only calls public methods. */
    public String get(String field) {
        return values.get(field);
    }

    public boolean isSelected(Object checkId) {
        return selected.contains(String.valueOf(checkId));
    }

    List<String> checks() {
        return List.copyOf(selected);
    }
}
