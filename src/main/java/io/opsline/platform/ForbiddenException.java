package io.opsline.platform;

/** The caller is signed in but this particular action is beyond what they may do. */
public final class ForbiddenException extends OpslineException {

    public ForbiddenException(String message) {
        super(message);
    }
}
