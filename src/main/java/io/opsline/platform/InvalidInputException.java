package io.opsline.platform;

import java.util.List;

/** Input that breaks a rule; carries every violation found, not just the first. */
public final class InvalidInputException extends OpslineException {

    private final List<FieldViolation> violations;

    public InvalidInputException(String message, List<FieldViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(FieldViolation violation) {
        this(violation.message(), List.of(violation));
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(FieldViolation.of(field, message));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
