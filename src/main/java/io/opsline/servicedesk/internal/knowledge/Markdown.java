package io.opsline.servicedesk.internal.knowledge;

import java.util.List;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Turns an article's Markdown into HTML a page may show as it is: raw HTML in the Markdown is
 * escaped, not passed through, and links and images keep only safe schemes (no {@code javascript:}),
 * because anyone with the operator role writes articles that every viewer reads.
 */
@Component
public class Markdown {

    private final Parser parser;
    private final HtmlRenderer renderer;

    Markdown() {
        var extensions = List.of(TablesExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).sanitizeUrls(true).build();
    }

    public String html(String markdown) {
        return markdown == null ? "" : renderer.render(parser.parse(markdown));
    }
}
