package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A door for one external sender, with its own key.
 *
 * @param keyPrefix the key's first characters, to tell keys apart; the key itself is not kept
 * @param fingerprintFields label names that make the fingerprint of events without a dedup key;
 *        empty for all labels
 */
public record Integration(UUID id, String name, IntegrationKind kind, String keyPrefix,
        List<String> fingerprintFields, boolean enabled, Instant createdAt, String createdBy, int version) {
}
