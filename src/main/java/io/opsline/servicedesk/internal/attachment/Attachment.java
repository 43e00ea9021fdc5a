package io.opsline.servicedesk.internal.attachment;

import java.time.Instant;
import java.util.UUID;

/**
 * A file attached to an incident, without its content (lists need none of it).
 *
 * @param contentType the type the uploader's client declared; downloads serve it only when harmless
 * @param sha256 of the content, as 64 lowercase hex characters, so a downloaded copy can be checked
 */
public record Attachment(UUID id, UUID incidentId, String fileName, String contentType, long size, String sha256,
        String uploadedBy, Instant uploadedAt) {
}
