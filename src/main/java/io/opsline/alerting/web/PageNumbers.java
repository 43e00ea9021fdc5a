package io.opsline.alerting.web;

import java.util.Map;

/** Whole numbers from a page's query ({@code page}, {@code size}): a bad one is a message by its field, not a 400. */
final class PageNumbers {

    private PageNumbers() {
    }

    static int parse(String field, String text, int fallback, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            errors.put(field, "must be a whole number");
            return fallback;
        }
    }
}
