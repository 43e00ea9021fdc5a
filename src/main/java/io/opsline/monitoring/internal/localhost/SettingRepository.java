package io.opsline.monitoring.internal.localhost;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;

/** SQL for {@code monitoring_setting}: small facts monitoring keeps about itself, by name. */
@Repository
class SettingRepository {

    private final JdbcClient jdbc;

    SettingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(String name) {
        return jdbc.sql("SELECT setting FROM monitoring_setting WHERE name = ?").param(name).query(String.class)
                .optional();
    }

    /**
     * Stores a new fact; a {@link org.springframework.dao.DuplicateKeyException} when it is there already
     * (another node stored it first: its transaction is waited for, so only one of them goes on).
     */
    void insert(String name, String setting) {
        jdbc.sql("INSERT INTO monitoring_setting (name, setting, updated_at) VALUES (?, ?, ?)")
                .params(name, setting, Jdbc.timestamp(Jdbc.now())).update();
    }

    void update(String name, String setting) {
        jdbc.sql("UPDATE monitoring_setting SET setting = ?, updated_at = ? WHERE name = ?")
                .params(setting, Jdbc.timestamp(Jdbc.now()), name).update();
    }
}
