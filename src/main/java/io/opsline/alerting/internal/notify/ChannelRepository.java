package io.opsline.alerting.internal.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;

/** SQL for {@code notification_channel}. */
@Repository
class ChannelRepository {

    private static final String COLUMNS = "id, name, kind, sealed_url, url_hint, sealed_secret, smtp_host, smtp_port,"
            + " smtp_security, smtp_username, from_address, recipients, follow_ups, created_at, created_by, updated_at,"
            + " version";

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredChannel channel) {
        jdbc.sql("INSERT INTO notification_channel (" + COLUMNS + ", name_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(channel.id(), channel.name(), channel.kind().name(), channel.sealedUrl(), channel.urlHint(),
                        channel.sealedSecret(), channel.smtpHost(), channel.smtpPort(), name(channel.smtpSecurity()),
                        channel.smtpUsername(), channel.fromAddress(), String.join(",", channel.recipients()),
                        channel.followUps(), Jdbc.timestamp(channel.createdAt()), channel.createdBy(), Jdbc.timestamp(channel.updatedAt()),
                        channel.version(), key(channel.name()))
                .update();
    }

    /** Stores the changed channel if it is still at {@code basedOn}; false when someone changed or deleted it. */
    boolean update(StoredChannel channel, int basedOn) {
        return jdbc.sql("UPDATE notification_channel SET name = ?, name_key = ?, sealed_url = ?, url_hint = ?,"
                + " sealed_secret = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?, smtp_username = ?,"
                + " from_address = ?, recipients = ?, follow_ups = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(channel.name(), key(channel.name()), channel.sealedUrl(), channel.urlHint(),
                        channel.sealedSecret(), channel.smtpHost(), channel.smtpPort(), name(channel.smtpSecurity()),
                        channel.smtpUsername(), channel.fromAddress(), String.join(",", channel.recipients()),
                        channel.followUps(), Jdbc.timestamp(channel.updatedAt()), channel.version(), channel.id(), basedOn)
                .update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM notification_channel WHERE id = ?").param(id).update() == 1;
    }

    /** Whether another channel than {@code except} has this name, in any case. */
    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_channel WHERE name_key = ? AND id <> ?")
                .params(key(name), except).query(Long.class).single() > 0;
    }

    Optional<StoredChannel> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_channel WHERE id = ?").param(id)
                .query(ChannelRepository::map).optional();
    }

    List<StoredChannel> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_channel ORDER BY name_key")
                .query(ChannelRepository::map).list();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static StoredChannel map(ResultSet rs, int n) throws SQLException {
        var recipients = rs.getString("recipients");
        var security = rs.getString("smtp_security");
        var port = rs.getObject("smtp_port", Integer.class);
        return new StoredChannel(Jdbc.uuid(rs, "id"), rs.getString("name"), ChannelKind.valueOf(rs.getString("kind")),
                rs.getString("sealed_url"), rs.getString("url_hint"), rs.getString("sealed_secret"),
                rs.getString("smtp_host"), port, security == null ? null : SmtpSecurity.valueOf(security),
                rs.getString("smtp_username"), rs.getString("from_address"),
                recipients == null || recipients.isEmpty() ? List.of() : List.of(recipients.split(",")),
                rs.getBoolean("follow_ups"), Jdbc.instant(rs, "created_at"), rs.getString("created_by"), Jdbc.instant(rs, "updated_at"),
                rs.getInt("version"));
    }
}
