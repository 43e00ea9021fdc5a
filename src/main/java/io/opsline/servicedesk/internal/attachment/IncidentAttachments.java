package io.opsline.servicedesk.internal.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Sha256;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.PayloadTooLargeException;
import io.opsline.servicedesk.internal.EntryKind;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.ServiceDeskProperties;

/**
 * Files attached to incidents. An upload is refused whole (nothing stored) when it is empty, larger than
 * {@code opsline.servicedesk.attachment-max-size}, or would take the incident past {@value #MAX_PER_INCIDENT}
 * files; a stored one is audited and noted on the incident's timeline (for the desk, not the caller).
 */
@Service
public class IncidentAttachments {

    public static final int MAX_PER_INCIDENT = 20;
    static final int MAX_FILE_NAME = 255;
    static final String UNSAFE_TYPE = "application/octet-stream";
    /**
     * Types a browser shows without running anything. Everything else (HTML, SVG, XML, scripts) is served as
     * {@value #UNSAFE_TYPE}, so an uploaded page cannot run in Opsline's origin even if a browser ignored
     * {@code Content-Disposition: attachment}.
     */
    private static final Set<String> HARMLESS_TYPES = Set.of("text/plain", "text/csv", "image/png", "image/jpeg",
            "image/gif", "image/webp", "application/pdf", "application/json", "application/zip", "application/gzip",
            "application/x-gzip");

    private final AttachmentRepository attachments;
    private final Incidents incidents;
    private final AuditLog audit;
    private final long maxSize;

    IncidentAttachments(AttachmentRepository attachments, Incidents incidents, AuditLog audit,
            ServiceDeskProperties properties) {
        this.attachments = attachments;
        this.incidents = incidents;
        this.audit = audit;
        this.maxSize = properties.attachmentMaxSize().toBytes();
    }

    /** The incident's attachments, oldest first. */
    public List<Attachment> list(UUID incidentId) {
        return attachments.findByIncident(incidentId);
    }

    /** The attachment with its content; 404 unless it belongs to the incident. */
    public AttachmentFile download(Incident incident, UUID id) {
        return attachments.findFile(incident.id(), id)
                .orElseThrow(() -> new NotFoundException("Attachment of " + incident.reference(), id));
    }

    /**
     * Stores a file on the incident.
     *
     * @param fileName as the uploader's client named it; any directories in it are dropped
     * @param contentType as the client declared it; null or blank is stored as {@value #UNSAFE_TYPE}
     * @throws PayloadTooLargeException over the size limit (the content is read no further than one byte past it)
     * @throws InvalidInputException for an empty file, on field {@code file}
     * @throws ConflictException when the incident has {@value #MAX_PER_INCIDENT} files already
     */
    @Transactional
    public Attachment attach(Incident incident, String fileName, String contentType, InputStreamSource file,
            String actor) {
        var content = read(file);
        if (content.length == 0) {
            throw InvalidInputException.of("file", "The file is empty: choose one with something in it");
        }
        if (attachments.countLockingIncident(incident.id()) >= MAX_PER_INCIDENT) {
            throw ConflictException.onField("file", "%s has %d attachments already, the most an incident takes"
                    .formatted(incident.reference(), MAX_PER_INCIDENT));
        }
        var attachment = new Attachment(Ids.newId(), incident.id(), cleanName(fileName), cleanType(contentType),
                content.length, Sha256.hex(content), actor, Jdbc.now());
        attachments.insert(attachment, content);
        incidents.note(incident.id(), EntryKind.ATTACHMENT, false, "%s attached %s (%s)"
                .formatted(actor, attachment.fileName(), readableSize(attachment.size())));
        audit.record(new AuditEntry("incident.attachment.add", "incident-attachment", attachment.id().toString(),
                "Attached " + attachment.fileName() + " to " + incident.reference(), null, attachment));
        return attachment;
    }

    /** The type a download is served with: the stored one if a browser cannot run it, else {@value #UNSAFE_TYPE}. */
    public static String servedType(Attachment attachment) {
        return HARMLESS_TYPES.contains(attachment.contentType()) ? attachment.contentType() : UNSAFE_TYPE;
    }

    private byte[] read(InputStreamSource file) {
        try (var in = file.getInputStream()) {
            var content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxSize + 1));
            if (content.length > maxSize) {
                throw new PayloadTooLargeException(maxSize);
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an uploaded attachment", e);
        }
    }

    /** The last part of a path (browsers on Windows may send the whole one), without control characters. */
    static String cleanName(String fileName) {
        var name = fileName == null ? "" : fileName.replaceAll("\\p{Cntrl}", "").strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "attachment";
        }
        return name.length() <= MAX_FILE_NAME ? name : name.substring(name.length() - MAX_FILE_NAME);
    }

    /** The media type without parameters, lower case; the harmless-type check compares it as is. */
    static String cleanType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return UNSAFE_TYPE;
        }
        var type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.length() > 255 ? UNSAFE_TYPE : type;
    }

    private static String readableSize(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : bytes < 1024 * 1024 ? "%.1f KB".formatted(bytes / 1024.0)
                : "%.1f MB".formatted(bytes / (1024.0 * 1024));
    }
}
