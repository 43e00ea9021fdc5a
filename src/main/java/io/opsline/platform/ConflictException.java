package io.opsline.platform;

import java.util.List;

/**
 * The request is well-formed but clashes with what is stored: a duplicate key, or an edit
 * based on a version someone else has already changed.
 */
public final class ConflictException extends OpslineException {

    private final List<FieldViolation> violations;

    public ConflictException(String message) {
        this(message, List.of());
    }

    public ConflictException(String message, List<FieldViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public static ConflictException onField(String field, String message) {
        return new ConflictException(message, List.of(FieldViolation.of(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
