package io.opsline.platform;

/** The thing asked for does not exist (or the caller may not know that it does). */
public final class NotFoundException extends OpslineException {

    public NotFoundException(String what, Object id) {
        super("%s %s not found".formatted(what, id));
    }
}
