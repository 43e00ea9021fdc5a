package io.opsline.servicedesk.internal.attachment;

/** An attachment with its content, for a download. */
public record AttachmentFile(Attachment attachment, byte[] content) {
}
