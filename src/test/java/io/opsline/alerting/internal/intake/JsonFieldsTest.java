package io.opsline.alerting.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    @Test
    void cutsToTheLimitWithAnEllipsis() {
        assertThat(JsonFields.cut("abcdef", 6)).isEqualTo("abcdef");
        assertThat(JsonFields.cut("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(JsonFields.cut(null, 6)).isNull();
    }

    @Test
    void neverCutsASurrogatePairInTwo() {
        var cut = JsonFields.cut("abcd\uD83D\uDE00xyz", 6);

        assertThat(cut).isEqualTo("abcd…");
        assertThat(cut.codePoints()).doesNotContain(0xD83D);
    }

    @Test
    void dropsControlCharactersButKeepsTabsAndLineBreaks() {
        assertThat(JsonFields.clean("a\u0000b\u001Bc\u007F\td\r\ne")).isEqualTo("abc\td\r\ne");
    }

    @Test
    void takesTheFirstLineThatSaysSomething() {
        assertThat(JsonFields.firstLine("\n \r\n First \nsecond")).isEqualTo("First");
        assertThat(JsonFields.firstLine(" \n ")).isNull();
    }

    @Test
    void putsTextOnOneLine() {
        assertThat(JsonFields.oneLine("disk full on db-1")).isEqualTo("disk full on db-1");
        assertThat(JsonFields.oneLine("")).isEmpty();
        assertThat(JsonFields.oneLine(null)).isNull();
        assertThat(JsonFields.oneLine("disk  full")).isEqualTo("disk full");
        assertThat(JsonFields.oneLine(" disk full")).isEqualTo("disk full");
        assertThat(JsonFields.oneLine("disk full\u2003")).isEqualTo("disk full");
        assertThat(JsonFields.oneLine("disk\tfull\r\non\u000Bdb-1\f")).isEqualTo("disk full on db-1");
        assertThat(JsonFields.oneLine("a\u2003b")).isEqualTo("a\u2003b");
    }

    @Test
    void keepsOnlyWebLinks() {
        assertThat(JsonFields.webLink("https://example.org/x?y=1")).isEqualTo("https://example.org/x?y=1");
        assertThat(JsonFields.webLink("HTTP://example.org")).isEqualTo("HTTP://example.org");
        assertThat(JsonFields.webLink("javascript:alert(1)")).isNull();
        assertThat(JsonFields.webLink("data:text/html,x")).isNull();
        assertThat(JsonFields.webLink("/relative/path")).isNull();
        assertThat(JsonFields.webLink("https://exa mple.org")).isNull();
    }
}
