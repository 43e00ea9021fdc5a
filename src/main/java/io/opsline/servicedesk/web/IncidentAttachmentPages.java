package io.opsline.servicedesk.web;

import java.security.Principal;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PayloadTooLargeException;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.attachment.IncidentAttachments;

/**
 * The attachments card's actions on the incident page (the card itself is a fragment of incident-extras.html):
 * an upload that comes back to the page with what happened as its notice, and downloads for signed-in people
 * (the API takes tokens only).
 */
@Controller
class IncidentAttachmentPages {

    private final Incidents incidents;
    private final IncidentAttachments attachments;

    IncidentAttachmentPages(Incidents incidents, IncidentAttachments attachments) {
        this.incidents = incidents;
        this.attachments = attachments;
    }

    @PostMapping("/incidents/{ref}/attachments")
    @RequiresRole(Role.OPERATOR)
    String upload(@PathVariable String ref, @RequestParam(required = false) MultipartFile file, Principal principal,
            RedirectAttributes redirect) {
        var incident = incidents.get(ref);
        try {
            var stored = attachments.attach(incident, IncidentAttachmentApi.present(file).getOriginalFilename(),
                    file.getContentType(), file, principal.getName());
            redirect.addFlashAttribute("notice", "Attached " + stored.fileName() + ".");
        } catch (InvalidInputException | ConflictException | PayloadTooLargeException e) {
            redirect.addFlashAttribute("notice", "Not attached: " + e.getMessage() + ". Nothing was stored.");
        }
        return "redirect:/incidents/" + incident.reference() + "#attachments";
    }

    @GetMapping("/incidents/{ref}/attachments/{id}")
    @RequiresRole(Role.VIEWER)
    ResponseEntity<byte[]> download(@PathVariable String ref, @PathVariable UUID id) {
        return AttachmentDownload.of(attachments.download(incidents.get(ref), id));
    }
}
