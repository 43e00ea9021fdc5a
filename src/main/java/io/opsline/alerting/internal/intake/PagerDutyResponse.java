package io.opsline.alerting.internal.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.opsline.platform.InvalidInputException;

/**
 * PagerDuty's answers to {@code POST /v2/enqueue}, field for field, so that senders written for
 * PagerDuty (which read the dedup key back, or log the errors) work against Opsline unchanged.
 * Serialise it as the body and send {@link #httpStatus()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PagerDutyResponse(String status, String message, @JsonProperty("dedup_key") String dedupKey,
        List<String> errors) {

    static final String SUCCESS = "success";

    /** 202 {"status":"success","message":"Event processed","dedup_key":"…"}. */
    public static PagerDutyResponse accepted(String dedupKey) {
        return new PagerDutyResponse(SUCCESS, "Event processed", dedupKey, null);
    }

    /**
     * 400 {"status":"invalid event","message":"Event object is invalid","errors":[…]}, one error
     * per violation in PagerDuty's wording: {@code 'payload.summary' is missing or blank}.
     */
    public static PagerDutyResponse invalid(InvalidInputException problem) {
        var errors = problem.violations().stream()
                .map(v -> JsonFields.BODY.equals(v.field()) ? "Request body " + v.message()
                        : "'%s' %s".formatted(v.field(), v.message()))
                .toList();
        return new PagerDutyResponse("invalid event", "Event object is invalid", null, errors);
    }

    /** The HTTP status PagerDuty sends with this answer. */
    @JsonIgnore
    public int httpStatus() {
        return SUCCESS.equals(status) ? 202 : 400;
    }
}
