package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Rules every page template keeps, checked on the template files themselves. */
class TemplateRulesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    /** Only forms written with th:action get the CSRF token; a plain action= POST would be refused. */
    @Test
    void everyPostFormCarriesTheCsrfToken() throws IOException {
        var offenders = new ArrayList<String>();
        try (var files = Files.walk(TEMPLATES)) {
            for (var file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                var matcher = FORM.matcher(Files.readString(file));
                while (matcher.find()) {
                    var tag = matcher.group();
                    if (tag.toLowerCase().contains("method=\"post\"") && !tag.contains("th:action")) {
                        offenders.add(TEMPLATES.relativize(file) + ": " + tag);
                    }
                }
            }
        }
        assertThat(offenders).as("POST forms without th:action").isEmpty();
    }

    /** The Content-Security-Policy forbids inline scripts and styles; they would silently not work. */
    @Test
    void templatesHaveNoInlineScriptsOrStyles() throws IOException {
        var offenders = new ArrayList<String>();
        var inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\sstyle=\"|\\son[a-z]+=\"|<style");
        try (var files = Files.walk(TEMPLATES)) {
            for (var file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                var matcher = inline.matcher(Files.readString(file));
                while (matcher.find()) {
                    offenders.add(TEMPLATES.relativize(file) + ": " + matcher.group().strip());
                }
            }
        }
        assertThat(offenders).as("inline scripts, styles or event handlers").isEmpty();
    }
}
