package io.opsline.alerting.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsline.platform.FieldViolation;
import io.opsline.platform.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

class PagerDutyResponseTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anAcceptedEventIsAnsweredAsPagerDutyAnswersIt() {
        var response = PagerDutyResponse.accepted("srv01/HTTP");

        assertThat(response.httpStatus()).isEqualTo(202);
        assertThat(json.writeValueAsString(response))
                .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv01/HTTP\"}");
    }

    @Test
    void anInvalidEventIsAnsweredWithPagerDutysWordingPerField() {
        var problem = new InvalidInputException("The PagerDuty event is invalid", List.of(
                FieldViolation.of("payload.summary", "is missing or blank"),
                FieldViolation.of(JsonFields.BODY, "is not valid JSON at line 1, column 2: oops")));

        var response = PagerDutyResponse.invalid(problem);

        assertThat(response.httpStatus()).isEqualTo(400);
        assertThat(json.writeValueAsString(response)).isEqualTo("{\"status\":\"invalid event\",\"message\":\"Event object"
                + " is invalid\",\"errors\":[\"'payload.summary' is missing or blank\",\"Request body is not valid JSON at"
                + " line 1, column 2: oops\"]}");
    }

    @Test
    void aParserRefusalBecomesOneErrorPerProblem() {
        var problem = catchThrowableOfType(InvalidInputException.class, () -> PagerDutyEvents.parse(
                IntakeFixtures.body("{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"payload\":{\"source\":\"h\"}}"),
                "pd", IntakeFixtures.NOW));

        assertThat(PagerDutyResponse.invalid(problem).errors()).containsExactly("'payload.summary' is missing or blank",
                "'payload.severity' is missing or blank");
    }
}
