package io.opsline.metrics.internal.store;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.platform.DatabaseEngine;

/** Stores of their own on the application's database, as further nodes would run them. */
final class StoreNodes {

    private StoreNodes() {
    }

    /** A started store with these settings; never stopped unless the test stops it. */
    static MetricStore start(ApplicationContext context, MetricsProperties settings) {
        return start(context.getBean(JdbcTemplate.class), context.getBean(PlatformTransactionManager.class),
                context.getBean(DatabaseEngine.class), settings);
    }

    static MetricStore start(JdbcTemplate jdbc, PlatformTransactionManager transactions, DatabaseEngine engine,
            MetricsProperties settings) {
        var node = new MetricStore(new SeriesRepository(jdbc), new ChunkRepository(jdbc,
                new TransactionTemplate(transactions), engine, settings.blockDuration().toMillis()), settings);
        node.start();
        return node;
    }
}
