package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class JsonPathTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void findsValuesByNamesIndexesAndQuotedKeys() {
        var doc = json.readTree("{\"a\":{\"b\":[{\"c\":1},{\"c\":2}]},\"odd key\":\"x\"}");
        assertThat(JsonPath.parse("$.a.b[1].c").find(doc).asInt()).isEqualTo(2);
        assertThat(JsonPath.parse("$['odd key']").find(doc).asString()).isEqualTo("x");
        assertThat(JsonPath.parse("$").find(doc)).isEqualTo(doc);
        assertThat(JsonPath.parse("$.a.b[5].c").find(doc)).isNull();
        assertThat(JsonPath.parse("$.a[0]").find(doc)).isNull();
    }

    @Test
    void refusesWhatItDoesNotSupport() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonPath.parse("a.b"));
        assertThatIllegalArgumentException().isThrownBy(() -> JsonPath.parse("$.a[*]"));
        assertThatIllegalArgumentException().isThrownBy(() -> JsonPath.parse("$..a"));
    }
}
