package io.opsline.alerting.internal.oncall;

import io.opsline.platform.SecretTokens;
import io.opsline.platform.Sha256;

/**
 * The secret in a schedule's calendar feed address. Calendar apps cannot send a bearer header, so
 * the address itself is the key: about 238 random bits, shown once, kept only as its SHA-256 hash.
 *
 * @param token the secret, for the one answer that shows it
 * @param path  the feed's address on this server
 */
public record FeedToken(String token, String path) {

    static final String PREFIX = "opf_";
    static final String PATH = "/calendar/oncall/";

    static FeedToken generate() {
        var token = SecretTokens.generate(PREFIX);
        return new FeedToken(token, PATH + token + ".ics");
    }

    String hash() {
        return hash(token);
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
