package io.opsline.metrics.internal.ingest;

/**
 * A remote-write body that cannot be taken: corrupt snappy or protobuf, invalid labels, or over a
 * limit. Nothing of the request is kept.
 */
public final class RemoteWriteException extends RuntimeException {

    private final boolean tooLarge;

    RemoteWriteException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    static RemoteWriteException corrupt(String message) {
        return new RemoteWriteException(message, false);
    }

    static RemoteWriteException tooLarge(String message) {
        return new RemoteWriteException(message, true);
    }

    /** Whether the body was refused for its size (an HTTP 413) rather than its content (a 400). */
    public boolean tooLarge() {
        return tooLarge;
    }
}
