package io.opsline.inventory;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.opsline.platform.Violations;

/**
 * What a tag may be, for CIs and for anything that selects CIs by tag (check templates), so a
 * selection is written exactly as the tags it is meant to match: lower case, trimmed, sorted.
 */
public final class Tags {

    public static final int MAX_TAGS = 50;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._:/-]{0,59}");

    private Tags() {
    }

    /** The tags normalised and without duplicates; a violation on {@code field} for each bad one. */
    public static List<String> read(Violations v, String field, List<String> given) {
        var tags = new TreeSet<String>();
        if (given == null) {
            return List.of();
        }
        for (var raw : given) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            var tag = raw.strip().toLowerCase();
            if (!TAG.matcher(tag).matches()) {
                v.add(field, "'%s' is not a tag: use up to 60 of a-z 0-9 . _ : / -, starting with a letter or digit"
                        .formatted(raw.length() > 60 ? raw.substring(0, 57) + "…" : raw));
            } else {
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            v.add(field, "at most %d tags".formatted(MAX_TAGS));
        }
        return List.copyOf(tags);
    }
}
