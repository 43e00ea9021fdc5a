package io.opsline.platform;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The stable problem {@code type} URIs clients may rely on, and how each domain error maps to one. */
public final class ProblemTypes {

    public static final URI NOT_FOUND = type("not-found");
    public static final URI INVALID_INPUT = type("invalid-input");
    public static final URI CONFLICT = type("conflict");
    public static final URI FORBIDDEN = type("forbidden");
    public static final URI UNAUTHORIZED = type("unauthorized");
    public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");
    public static final URI MALFORMED_REQUEST = type("malformed-request");
    public static final URI BUSY = type("busy");
    public static final URI RATE_LIMITED = type("rate-limited");
    public static final URI INTERNAL_ERROR = type("internal-error");

    private ProblemTypes() {
    }

    private static URI type(String slug) {
        return URI.create("urn:opsline:problem:" + slug);
    }

    public static HttpStatus status(OpslineException e) {
        return switch (e) {
            case NotFoundException ignored -> HttpStatus.NOT_FOUND;
            case InvalidInputException ignored -> HttpStatus.UNPROCESSABLE_CONTENT;
            case ConflictException ignored -> HttpStatus.CONFLICT;
            case ForbiddenException ignored -> HttpStatus.FORBIDDEN;
            case PayloadTooLargeException ignored -> HttpStatus.CONTENT_TOO_LARGE;
        };
    }

    public static ProblemDetail toProblem(OpslineException e) {
        var status = status(e);
        var problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        switch (e) {
            case NotFoundException ignored -> problem.setType(NOT_FOUND);
            case InvalidInputException invalid -> {
                problem.setType(INVALID_INPUT);
                problem.setTitle("Invalid input");
                problem.setProperty("errors", invalid.violations());
            }
            case ConflictException conflict -> {
                problem.setType(CONFLICT);
                if (!conflict.violations().isEmpty()) {
                    problem.setProperty("errors", conflict.violations());
                }
            }
            case ForbiddenException ignored -> problem.setType(FORBIDDEN);
            case PayloadTooLargeException ignored -> problem.setType(PAYLOAD_TOO_LARGE);
        }
        return problem;
    }

    public static ProblemDetail problem(HttpStatus status, URI type, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        return problem;
    }

    public static List<FieldViolation> violations(OpslineException e) {
        return switch (e) {
            case InvalidInputException invalid -> invalid.violations();
            case ConflictException conflict -> conflict.violations();
            default -> List.of();
        };
    }
}
