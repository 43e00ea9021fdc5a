package io.opsline.platform.internal;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.platform.DatabaseEngine;

/** Tells repositories which database engine is in use, detected once at start. */
@Configuration
class DatabaseEngineConfiguration {

    @Bean
    DatabaseEngine databaseEngine(DataSource dataSource) {
        return DatabaseEngine.of(dataSource);
    }
}
