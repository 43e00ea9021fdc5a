package io.opsline.metrics.internal.store;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.platform.DatabaseEngine;

/** The store's bean; scheduling on for its flushes and maintenance ({@link StoreJobs}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StoreConfiguration {

    @Bean
    MetricStore metricStore(JdbcTemplate template, PlatformTransactionManager transactions, DatabaseEngine engine,
            MetricsProperties properties) {
        return new MetricStore(new SeriesRepository(template),
                new ChunkRepository(template, new TransactionTemplate(transactions), engine,
                        properties.blockDuration().toMillis()), properties);
    }
}
