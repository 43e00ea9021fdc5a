package io.opsline.servicedesk.internal.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    private final Markdown markdown = new Markdown();

    @Test
    void rendersMarkdownWithTables() {
        var html = markdown.html("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- item");
        assertThat(html).contains("<h1>Title</h1>").contains("<table>").contains("<td>1</td>").contains("<li>item</li>");
    }

    @Test
    void rawHtmlIsEscapedNotEmitted() {
        var html = markdown.html("<script>alert(1)</script>\n\ntext <b onmouseover=\"x()\">bold</b>\n\n"
                + "<iframe src=\"https://evil\"></iframe>");
        assertThat(html).doesNotContain("<script").doesNotContain("<b ").doesNotContain("<iframe");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b onmouseover");
    }

    @Test
    void linksAndImagesWithUnsafeSchemesLoseTheirTarget() {
        var html = markdown.html("[a](javascript:alert(1)) [b](https://example.org) ![c](vbscript:x)");
        assertThat(html).doesNotContain("javascript:").doesNotContain("vbscript:");
        assertThat(html).contains("href=\"https://example.org\"");
    }
}
