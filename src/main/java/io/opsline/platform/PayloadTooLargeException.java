package io.opsline.platform;

/** A request body larger than the configured limit; refused before it is parsed. */
public final class PayloadTooLargeException extends OpslineException {

    public PayloadTooLargeException(long limitBytes) {
        super("The request body is larger than the limit of %d bytes".formatted(limitBytes));
    }
}
