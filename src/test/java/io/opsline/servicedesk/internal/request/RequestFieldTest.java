package io.opsline.servicedesk.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsline.platform.FieldViolation;
import io.opsline.platform.Violations;

class RequestFieldTest {

    @Test
    void storesEachKindInOneSpellingWhateverTheRequesterTyped() {
        assertThat(accept(field(FieldKind.NUMBER), " 012.50 ")).isEqualTo("12.5");
        assertThat(accept(field(FieldKind.NUMBER), 7)).isEqualTo("7");
        assertThat(accept(field(FieldKind.DATE), "2026-03-09")).isEqualTo("2026-03-09");
        assertThat(accept(field(FieldKind.BOOLEAN), "Yes")).isEqualTo("true");
        assertThat(accept(field(FieldKind.BOOLEAN), false)).isEqualTo("false");
        var choice = new RequestField("size", "Size", FieldKind.CHOICE, true, List.of("Small", "Large"), null);
        assertThat(accept(choice, "large")).isEqualTo("Large");
        assertThat(accept(field(FieldKind.TEXT), "  hello ")).isEqualTo("hello");
    }

    @Test
    void namesTheFieldAsValuesDotKeyWithAReasonForEachKind() {
        assertThat(refusal(field(FieldKind.NUMBER), "twelve")).isEqualTo("must be a number, such as 12 or 3.5");
        assertThat(refusal(field(FieldKind.DATE), "09/03/2026")).isEqualTo("must be a date such as 2026-03-29");
        assertThat(refusal(field(FieldKind.BOOLEAN), "maybe")).isEqualTo("must be true or false");
        assertThat(refusal(new RequestField("size", "Size", FieldKind.CHOICE, false, List.of("Small", "Large"), null),
                "Huge")).isEqualTo("must be one of Small, Large");
        assertThat(refusal(new RequestField("note", "Note", FieldKind.TEXT, false, List.of(), 5), "too long"))
                .isEqualTo("must be at most 5 characters");
        assertThat(refusal(field(FieldKind.TEXT), List.of("a", "b"))).isEqualTo("must be a single value");
    }

    @Test
    void aRequiredFieldNeedsAValueAndAnOptionalOneMayStayEmpty() {
        var required = new RequestField("reason", "Reason", FieldKind.TEXT, true, List.of(), null);
        assertThat(refusal(required, "  ")).isEqualTo("is required");
        var violations = new Violations();
        assertThat(field(FieldKind.NUMBER).accept(null, violations)).isNull();
        assertThat(violations.isEmpty()).isTrue();
    }

    private static RequestField field(FieldKind kind) {
        return new RequestField("f", "F", kind, false, List.of(), null);
    }

    private static String accept(RequestField field, Object raw) {
        var violations = new Violations();
        var value = field.accept(raw, violations);
        assertThat(violations.list()).isEmpty();
        return value;
    }

    private static String refusal(RequestField field, Object raw) {
        var violations = new Violations();
        assertThat(field.accept(raw, violations)).isNull();
        assertThat(violations.list()).extracting(FieldViolation::field).containsExactly("values." + field.key());
        return violations.list().getFirst().message();
    }
}
