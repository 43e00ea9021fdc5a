package io.opsline.identity.internal;

/** A token just created: the only time its secret is ever shown. */
public record CreatedToken(TokenView token, String secret) {
}
