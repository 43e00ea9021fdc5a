package io.opsline.identity.internal;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Refuses a sign-in attempt while too many recent ones have failed. */
class SignInThrottledException extends AuthenticationException {

    SignInThrottledException(Duration wait) {
        super("Too many failed sign-in attempts. Try again in %d seconds.".formatted(Math.max(1, wait.toSeconds() + 1)));
    }
}
