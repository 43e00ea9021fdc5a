package io.opsline.alerting.internal.oncall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;

/** SQL for {@code oncall_schedule}, {@code oncall_layer} and {@code oncall_override}. */
@Repository
class ScheduleRepository {

    private static final String COLUMNS = "id, name, description, time_zone, created_at, updated_at, version";
    private static final String LAYER_COLUMNS = "schedule_id, position, name, rotation, shift_hours, handoff_time,"
            + " handoff_day, starts_at, ends_at, participants";
    private static final String OVERRIDE_COLUMNS = "id, schedule_id, user_id, starts_at, ends_at, created_at,"
            + " created_by";

    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Schedule schedule, String feedTokenHash) {
        jdbc.sql("INSERT INTO oncall_schedule (" + COLUMNS + ", name_key, feed_token_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(schedule.id(), schedule.name(), schedule.description(), schedule.timeZone(),
                        Jdbc.timestamp(schedule.createdAt()), Jdbc.timestamp(schedule.updatedAt()), schedule.version(),
                        nameKey(schedule.name()), feedTokenHash)
                .update();
        insertLayers(schedule);
    }

    /** Stores name, zone and layers; false when someone else changed the schedule since {@code expectedVersion}. */
    boolean update(Schedule schedule, long expectedVersion) {
        var updated = jdbc.sql("UPDATE oncall_schedule SET name = ?, name_key = ?, description = ?, time_zone = ?,"
                + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(schedule.name(), nameKey(schedule.name()), schedule.description(), schedule.timeZone(),
                        Jdbc.timestamp(schedule.updatedAt()), schedule.id(), expectedVersion)
                .update() == 1;
        if (updated) {
            jdbc.sql("DELETE FROM oncall_layer WHERE schedule_id = ?").param(schedule.id()).update();
            insertLayers(schedule);
        }
        return updated;
    }

    private void insertLayers(Schedule schedule) {
        var position = 0;
        for (var layer : schedule.layers()) {
            jdbc.sql("INSERT INTO oncall_layer (" + LAYER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(schedule.id(), position++, layer.name(), layer.rotation().name(), layer.shiftHours(),
                            layer.handoffTime().toString(),
                            layer.handoffDay() == null ? null : layer.handoffDay().name(), layer.start(), layer.end(),
                            layer.participants().stream().map(UUID::toString).collect(Collectors.joining(",")))
                    .update();
        }
    }

    void replaceFeedToken(UUID id, String feedTokenHash) {
        jdbc.sql("UPDATE oncall_schedule SET feed_token_hash = ? WHERE id = ?").params(feedTokenHash, id).update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM oncall_schedule WHERE id = ?").param(id).update() == 1;
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM oncall_schedule WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    /** Whether another schedule has this name, whatever its case. */
    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM oncall_schedule WHERE name_key = ? AND id <> ?")
                .params(nameKey(name), except).query(Long.class).single() > 0;
    }

    Optional<Schedule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oncall_schedule WHERE id = ?").param(id)
                .query((rs, n) -> map(rs, layers(id))).optional();
    }

    Optional<UUID> findIdByFeedTokenHash(String hash) {
        return jdbc.sql("SELECT id FROM oncall_schedule WHERE feed_token_hash = ?").param(hash).query(UUID.class)
                .optional();
    }

    List<Schedule> findAll() {
        var layers = new HashMap<UUID, List<Layer>>();
        jdbc.sql("SELECT " + LAYER_COLUMNS + " FROM oncall_layer ORDER BY schedule_id, position").query(rs -> {
            layers.computeIfAbsent(Jdbc.uuid(rs, "schedule_id"), k -> new ArrayList<>()).add(mapLayer(rs));
        });
        return jdbc.sql("SELECT " + COLUMNS + " FROM oncall_schedule ORDER BY name_key")
                .query((rs, n) -> map(rs, layers.getOrDefault(Jdbc.uuid(rs, "id"), List.of()))).list();
    }

    private List<Layer> layers(UUID scheduleId) {
        return jdbc.sql("SELECT " + LAYER_COLUMNS + " FROM oncall_layer WHERE schedule_id = ? ORDER BY position")
                .param(scheduleId).query((rs, n) -> mapLayer(rs)).list();
    }

    void insertOverride(ShiftOverride override) {
        jdbc.sql("INSERT INTO oncall_override (" + OVERRIDE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(override.id(), override.scheduleId(), override.userId(), Jdbc.timestamp(override.from()),
                        Jdbc.timestamp(override.to()), Jdbc.timestamp(override.createdAt()), override.createdBy())
                .update();
    }

    Optional<ShiftOverride> findOverride(UUID scheduleId, UUID overrideId) {
        return jdbc.sql("SELECT " + OVERRIDE_COLUMNS + " FROM oncall_override WHERE schedule_id = ? AND id = ?")
                .params(scheduleId, overrideId).query(ScheduleRepository::mapOverride).optional();
    }

    boolean deleteOverride(UUID overrideId) {
        return jdbc.sql("DELETE FROM oncall_override WHERE id = ?").param(overrideId).update() == 1;
    }

    /** The schedule's overrides that overlap {@code [from, to)}, in creation order. */
    List<ShiftOverride> overrides(UUID scheduleId, Instant from, Instant to) {
        return jdbc.sql("SELECT " + OVERRIDE_COLUMNS + " FROM oncall_override"
                + " WHERE schedule_id = ? AND ends_at > ? AND starts_at < ? ORDER BY created_at, id")
                .params(scheduleId, Jdbc.timestamp(from), Jdbc.timestamp(to))
                .query(ScheduleRepository::mapOverride).list();
    }

    /** The schedule's overrides that have not ended by {@code at}, earliest first. */
    List<ShiftOverride> overridesEndingAfter(UUID scheduleId, Instant at) {
        return jdbc.sql("SELECT " + OVERRIDE_COLUMNS + " FROM oncall_override"
                + " WHERE schedule_id = ? AND ends_at > ? ORDER BY starts_at, id")
                .params(scheduleId, Jdbc.timestamp(at)).query(ScheduleRepository::mapOverride).list();
    }

    private static Schedule map(ResultSet rs, List<Layer> layers) throws SQLException {
        return new Schedule(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("description"),
                rs.getString("time_zone"), layers, Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    private static Layer mapLayer(ResultSet rs) throws SQLException {
        var day = rs.getString("handoff_day");
        var shiftHours = rs.getObject("shift_hours", Integer.class);
        var participants = Arrays.stream(rs.getString("participants").split(",")).map(UUID::fromString).toList();
        return new Layer(rs.getString("name"), participants, Rotation.valueOf(rs.getString("rotation")), shiftHours,
                LocalTime.parse(rs.getString("handoff_time")), day == null ? null : DayOfWeek.valueOf(day),
                rs.getObject("starts_at", LocalDateTime.class), rs.getObject("ends_at", LocalDateTime.class));
    }

    private static ShiftOverride mapOverride(ResultSet rs, int n) throws SQLException {
        return new ShiftOverride(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "schedule_id"), Jdbc.uuid(rs, "user_id"),
                Jdbc.instant(rs, "starts_at"), Jdbc.instant(rs, "ends_at"), Jdbc.instant(rs, "created_at"),
                rs.getString("created_by"));
    }

    private static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
