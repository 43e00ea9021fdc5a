package io.opsline.alerting.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import io.opsline.platform.FieldViolation;
import io.opsline.platform.InvalidInputException;

/** What the intake parsers' tests share: a fixed clock, bodies from text, and the violations a parser refused with. */
final class IntakeFixtures {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final String SOURCE = "prod-alertmanager";

    private IntakeFixtures() {
    }

    static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The violations, field to message, the call was refused with; fails when it was not refused. */
    static Map<String, String> refusal(ThrowingCallable call) {
        return FieldViolation.byField(violations(call));
    }

    static List<FieldViolation> violations(ThrowingCallable call) {
        var thrown = catchThrowableOfType(InvalidInputException.class, call);
        assertThat(thrown).as("refused with InvalidInputException").isNotNull();
        return thrown.violations();
    }

    /** A JSON string literal of the text, quotes included. */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
