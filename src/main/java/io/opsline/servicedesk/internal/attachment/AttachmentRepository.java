package io.opsline.servicedesk.internal.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;

/** SQL for {@code incident_attachment}. */
@Repository
class AttachmentRepository {

    private static final String COLUMNS = "id, incident_id, file_name, content_type, size_bytes, sha256, uploaded_by,"
            + " uploaded_at";

    private final JdbcClient jdbc;

    AttachmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How many files the incident has, with the incident's row locked until the transaction ends, so that
     * uploads to one incident on any node count one after the other and none slips past the limit.
     */
    int countLockingIncident(UUID incidentId) {
        jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE").param(incidentId).query(UUID.class).optional();
        return jdbc.sql("SELECT COUNT(*) FROM incident_attachment WHERE incident_id = ?").param(incidentId)
                .query(Integer.class).single();
    }

    void insert(Attachment a, byte[] content) {
        jdbc.sql("INSERT INTO incident_attachment (" + COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.incidentId(), a.fileName(), a.contentType(), a.size(), a.sha256(), a.uploadedBy(),
                        Jdbc.timestamp(a.uploadedAt()), content)
                .update();
    }

    /** The incident's attachments, oldest first. */
    List<Attachment> findByIncident(UUID incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_attachment WHERE incident_id = ? ORDER BY uploaded_at, id")
                .param(incidentId).query(AttachmentRepository::map).list();
    }

    /** The attachment with its content, only if it belongs to the incident. */
    Optional<AttachmentFile> findFile(UUID incidentId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", content FROM incident_attachment WHERE id = ? AND incident_id = ?")
                .params(id, incidentId)
                .query((rs, n) -> new AttachmentFile(map(rs, n), rs.getBytes("content"))).optional();
    }

    private static Attachment map(ResultSet rs, int row) throws SQLException {
        return new Attachment(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "incident_id"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("uploaded_by"), Jdbc.instant(rs, "uploaded_at"));
    }
}
