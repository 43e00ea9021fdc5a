package io.opsline.identity.internal;

import io.opsline.platform.SecretTokens;
import io.opsline.platform.Sha256;

/**
 * Makes and hashes API token secrets. Secrets carry about 238 bits of randomness, so a fast
 * SHA-256 hash is enough to make a stolen database useless and still lets a request find its
 * token with one indexed lookup.
 */
final class TokenSecrets {

    static final String PREFIX = "opl_";
    /** Bounds for any presented secret, including an operator-chosen bootstrap token. */
    static final int MIN_LENGTH = 20;
    static final int MAX_LENGTH = 200;

    private TokenSecrets() {
    }

    static String generate() {
        return SecretTokens.generate(PREFIX);
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }

    /** What is shown to tell tokens apart: enough to recognise, useless to an attacker. */
    static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), PREFIX.length() + 6));
    }
}
