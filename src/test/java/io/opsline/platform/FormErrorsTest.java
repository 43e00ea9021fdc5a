package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FormErrorsTest {

    @Test
    void namesFieldsTheWayPeopleReadThem() {
        assertThat(FormErrors.label("lifecycle.warrantyEnd")).isEqualTo("Warranty end");
        assertThat(FormErrors.label("ownerTeam")).isEqualTo("Owner team");
        assertThat(FormErrors.label("class")).isEqualTo("Class");
        assertThat(FormErrors.label("serial_number")).isEqualTo("Serial number");
    }

    @Test
    void keepsEachFieldsMessagesTogetherAndAGeneralMessageUnderTheEmptyKey() {
        var invalid = new InvalidInputException("Invalid", List.of(FieldViolation.of("name", "is required"),
                FieldViolation.of("tags", "'a b' is not a tag"), FieldViolation.of("tags", "at most 50 tags")));
        assertThat(FormErrors.of(invalid)).containsEntry("name", "is required")
                .containsEntry("tags", "'a b' is not a tag; at most 50 tags");
        assertThat(FormErrors.of(new ConflictException("changed by someone else"))).containsEntry("",
                "changed by someone else");
    }
}
