package io.opsline.servicedesk.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.InvalidInputException;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.attachment.Attachment;
import io.opsline.servicedesk.internal.attachment.IncidentAttachments;

/**
 * Files attached to an incident over REST: operators upload (multipart, field {@code file}), the desk lists and
 * downloads. Over the size limit is a 413, an empty or missing file a 422, one file too many a 409.
 */
@RestController
@RequestMapping("/api/v1/incidents/{ref}/attachments")
class IncidentAttachmentApi {

    private final Incidents incidents;
    private final IncidentAttachments attachments;

    IncidentAttachmentApi(Incidents incidents, IncidentAttachments attachments) {
        this.incidents = incidents;
        this.attachments = attachments;
    }

    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<Attachment> list(@PathVariable String ref) {
        return attachments.list(incidents.get(ref).id());
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Attachment> upload(@PathVariable String ref, @RequestParam(required = false) MultipartFile file,
            Principal principal) {
        var incident = incidents.get(ref);
        var stored = attachments.attach(incident, present(file).getOriginalFilename(), file.getContentType(), file,
                principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/incidents/%s/attachments/%s"
                .formatted(incident.reference(), stored.id()))).body(stored);
    }

    /** The file itself, as a download (see {@link AttachmentDownload}). */
    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    ResponseEntity<byte[]> download(@PathVariable String ref, @PathVariable UUID id) {
        return AttachmentDownload.of(attachments.download(incidents.get(ref), id));
    }

    /** The uploaded part; a request without one (not multipart, or another field name) is refused on {@code file}. */
    static MultipartFile present(MultipartFile file) {
        if (file == null) {
            throw InvalidInputException.of("file", "No file was sent: send it as multipart form data in field 'file'");
        }
        return file;
    }
}
