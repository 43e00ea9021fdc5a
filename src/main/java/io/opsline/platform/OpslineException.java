package io.opsline.platform;

/**
 * A failure caused by what the caller asked for. Each kind maps to one HTTP status and one
 * stable problem type, so clients can act on it without parsing messages.
 */
public sealed abstract class OpslineException extends RuntimeException
        permits NotFoundException, InvalidInputException, ConflictException, ForbiddenException,
        PayloadTooLargeException {

    protected OpslineException(String message) {
        super(message);
    }
}
