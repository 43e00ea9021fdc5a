package io.opsline.servicedesk.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsline.platform.Choice;
import io.opsline.servicedesk.internal.knowledge.AlertRule;
import io.opsline.servicedesk.internal.knowledge.Article;
import io.opsline.servicedesk.internal.knowledge.ArticleInput;

/**
 * The article form as typed: CI classes and check types as ticked boxes, alert rules one a line as
 * {@code source} or {@code source dedup-key-pattern}.
 */
record ArticleForm(Integer version, String title, String kind, String body, List<String> ciClasses,
        List<String> checkTypes, String alertRules) {

    static ArticleForm empty() {
        return new ArticleForm(null, "", "article", "", List.of(), List.of(), "");
    }

    static ArticleForm of(Article a) {
        return new ArticleForm(a.version(), a.title(), a.kind().key(), a.body(),
                a.ciClasses().stream().map(Choice::key).toList(), a.checkTypes().stream().map(Choice::key).toList(),
                String.join("\n", a.alertRules().stream().map(AlertRule::toString).toList()));
    }

    ArticleInput toInput() {
        var rules = new ArrayList<AlertRule>();
        for (var line : alertRules == null ? new String[0] : alertRules.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            var parts = line.strip().split("\\s+", 2);
            rules.add(new AlertRule(parts[0], parts.length > 1 ? parts[1] : null));
        }
        return new ArticleInput(version, title, kind, body, ciClasses == null ? List.of() : ciClasses,
                checkTypes == null ? List.of() : checkTypes, rules);
    }

    /** Errors keyed by the form's fields: one message per list however many of its items were wrong. */
    static Map<String, String> shown(Map<String, String> errors) {
        var shown = new LinkedHashMap<String, String>();
        errors.forEach((field, message) -> {
            var bracket = field.indexOf('[');
            shown.merge(bracket < 0 ? field : field.substring(0, bracket), message, (a, b) -> a + "; " + b);
        });
        return shown;
    }
}
