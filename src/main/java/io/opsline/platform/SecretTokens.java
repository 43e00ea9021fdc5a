package io.opsline.platform;

import java.security.SecureRandom;

/**
 * Random secrets that open something by themselves: API tokens, integration keys, calendar feed
 * and acknowledge links. About 238 random bits after a prefix that says what the secret is for,
 * so a fast SHA-256 hash ({@link Sha256}) is all that needs keeping: a stolen database opens
 * nothing, and a request finds its secret with one indexed lookup.
 */
public final class SecretTokens {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final int LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    /** A new secret: the prefix and 40 random letters and digits (URL-safe as it is). */
    public static String generate(String prefix) {
        var secret = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            secret.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return secret.toString();
    }
}
