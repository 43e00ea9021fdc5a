package io.opsline.alerting.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.IntakeBusyException;
import io.opsline.alerting.internal.IntegrationKind;
import io.opsline.alerting.internal.intake.ExternalIntake;
import io.opsline.alerting.internal.intake.IntakeRefusedException;
import io.opsline.alerting.internal.intake.PagerDutyResponse;
import io.opsline.platform.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The doors external senders use: Opsline's JSON events, Alertmanager's webhook and a PagerDuty
 * Events v2 endpoint. Open to anyone at the HTTP level ({@link IntakeSecurity}); each request must
 * carry an integration key, which {@link ExternalIntake} checks. Answers 202 once the events are
 * stored.
 */
@RestController
class IntakeApi {

    private static final Logger log = LoggerFactory.getLogger(IntakeApi.class);

    private final ExternalIntake intake;

    IntakeApi(ExternalIntake intake) {
        this.intake = intake;
    }

    /** The answer to a request whose events were stored. */
    record Accepted(int accepted) {
    }

    @PostMapping(ExternalIntake.EVENTS_PATH)
    ResponseEntity<Accepted> events(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String key,
            HttpServletRequest request) throws IOException {
        return accepted(intake.receive(IntegrationKind.GENERIC, key, request.getInputStream(),
                request.getContentLengthLong()));
    }

    @PostMapping(ExternalIntake.ALERTMANAGER_PATH)
    ResponseEntity<Accepted> alertmanager(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String key, HttpServletRequest request)
            throws IOException {
        return accepted(intake.receive(IntegrationKind.ALERTMANAGER, key, request.getInputStream(),
                request.getContentLengthLong()));
    }

    @PostMapping(ExternalIntake.PAGERDUTY_PATH)
    ResponseEntity<PagerDutyResponse> pagerDuty(HttpServletRequest request) throws IOException {
        var answer = intake.receivePagerDuty(request.getInputStream(), request.getContentLengthLong());
        return ResponseEntity.status(answer.httpStatus()).body(answer);
    }

    private static ResponseEntity<Accepted> accepted(int events) {
        return ResponseEntity.accepted().body(new Accepted(events));
    }

    @ExceptionHandler(IntakeRefusedException.class)
    ResponseEntity<ProblemDetail> refused(IntakeRefusedException e) {
        log.debug("Intake refused a request: {}", e.getMessage());
        var type = switch (e.status()) {
            case UNAUTHORIZED -> ProblemTypes.UNAUTHORIZED;
            case FORBIDDEN -> ProblemTypes.FORBIDDEN;
            default -> ProblemTypes.RATE_LIMITED;
        };
        var answer = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return answer.body(ProblemTypes.problem(e.status(), type, e.getMessage()));
    }

    /** Nothing of the request is lost: what was not stored may be sent again. */
    @ExceptionHandler(IntakeBusyException.class)
    ResponseEntity<ProblemDetail> busy(IntakeBusyException e) {
        log.warn("{}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BUSY, e.getMessage()));
    }
}
