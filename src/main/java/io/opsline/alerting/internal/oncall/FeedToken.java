package io.opsline.alerting.internal.oncall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret in a schedule's calendar feed address. Calendar apps cannot send a bearer header, so
 * the address itself is the key: 240 random bits, shown once, kept only as its SHA-256 hash.
 *
 * @param token the secret, for the one answer that shows it
 * @param path  the feed's address on this server
 */
public record FeedToken(String token, String path) {

    static final String PREFIX = "opf_";
    static final String PATH = "/calendar/oncall/";
    private static final SecureRandom RANDOM = new SecureRandom();

    static FeedToken generate() {
        var bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        var token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new FeedToken(token, PATH + token + ".ics");
    }

    String hash() {
        return hash(token);
    }

    static String hash(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
