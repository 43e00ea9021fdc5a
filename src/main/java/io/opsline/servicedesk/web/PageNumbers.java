package io.opsline.servicedesk.web;

import java.util.Map;

/** The page number a list page is asked for: 0 when none is given, a message beside {@code page} when it is no number. */
final class PageNumbers {

    private PageNumbers() {
    }

    static int parse(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            errors.put("page", "must be a whole number");
            return 0;
        }
    }
}
