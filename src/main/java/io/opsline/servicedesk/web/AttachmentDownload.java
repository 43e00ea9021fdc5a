package io.opsline.servicedesk.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.opsline.servicedesk.internal.attachment.AttachmentFile;
import io.opsline.servicedesk.internal.attachment.IncidentAttachments;

/**
 * How an attachment is sent, to the API and to browsers alike: always as a download, never shown inline,
 * and with sniffing off, so that an uploaded HTML or SVG file cannot run as a page of Opsline's.
 */
final class AttachmentDownload {

    private AttachmentDownload() {
    }

    static ResponseEntity<byte[]> of(AttachmentFile file) {
        var attachment = file.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(IncidentAttachments.servedType(attachment)))
                .contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(file.content());
    }
}
