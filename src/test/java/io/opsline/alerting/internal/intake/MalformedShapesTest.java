package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.opsline.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts every kind of JSON value in place of every value of a valid document, one at a time: each
 * parser either reads the result or refuses it with InvalidInputException, never anything else.
 */
class MalformedShapesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> VALUES = List.of("null", "0", "-1", "1.5e300", "true", "\"\"", "\" \"", "\"x\"",
            "\"\\u0000\"", "[]", "[null]", "[1,[2]]", "{}", "{\"\":null}", "{\"a\":{\"b\":[]}}");

    @Test
    void alertmanagerWebhookRefusesEveryWrongShapeCleanly() {
        assertEveryVariantIsReadOrRefused(AlertmanagerWebhookTest.GROUP,
                body -> AlertmanagerWebhook.parse(body, "am", NOW));
    }

    @Test
    void pagerDutyEventsRefuseEveryWrongShapeCleanly() {
        assertEveryVariantIsReadOrRefused(PagerDutyEventsTest.TRIGGER, body -> PagerDutyEvents.parse(body, "pd", NOW));
        assertEveryVariantIsReadOrRefused("{\"routing_key\":\"k\",\"event_action\":\"resolve\",\"dedup_key\":\"d\"}",
                body -> PagerDutyEvents.parse(body, "pd", NOW));
    }

    @Test
    void genericEventsRefuseEveryWrongShapeCleanly() {
        var event = """
                {"action": "trigger", "dedupKey": "k", "severity": "critical", "summary": "s",
                 "labels": {"a": "b"}, "details": {"c": "d"},
                 "ci": {"id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "hostname": "h", "address": "10.0.0.1"},
                 "occurredAt": "2024-05-01T12:00:00Z", "link": "https://example.org"}
                """;
        assertEveryVariantIsReadOrRefused(event, body -> GenericEvents.parse(body, "json", NOW));
        assertEveryVariantIsReadOrRefused("{\"events\": [" + event + "]}", body -> GenericEvents.parse(body, "json", NOW));
    }

    private static void assertEveryVariantIsReadOrRefused(String document, Function<byte[], ?> parser) {
        var variants = variants(JSON.readTree(document));
        assertThat(variants).hasSizeGreaterThan(VALUES.size());
        for (var variant : variants) {
            var thrown = catchThrowable(() -> parser.apply(variant.getBytes(StandardCharsets.UTF_8)));
            assertThat(thrown).as(variant).satisfiesAnyOf(t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(InvalidInputException.class));
        }
    }

    /** The document with each value in it (the root too) replaced by each of the values. */
    private static List<String> variants(JsonNode document) {
        var variants = new ArrayList<String>();
        VALUES.forEach(value -> variants.add(value));
        collect(document, document, variants);
        return variants;
    }

    private static void collect(JsonNode root, JsonNode node, List<String> variants) {
        if (node instanceof ObjectNode object) {
            for (var name : List.copyOf(object.propertyNames())) {
                var original = object.get(name);
                replaceEach(root, value -> object.set(name, value), variants);
                object.set(name, original);
                object.remove(name);
                variants.add(root.toString());
                object.set(name, original);
                collect(root, original, variants);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                var index = i;
                var original = array.get(i);
                replaceEach(root, value -> array.set(index, value), variants);
                array.set(index, original);
                collect(root, original, variants);
            }
        }
    }

    private static void replaceEach(JsonNode root, Consumer<JsonNode> replace, List<String> variants) {
        for (var value : VALUES) {
            replace.accept(JSON.readTree(value));
            variants.add(root.toString());
        }
    }
}
