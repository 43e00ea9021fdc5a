package io.opsline.metrics.internal.scrape;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.metrics.internal.MetricMetadata;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.internal.ingest.IngestLimits;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.platform.Secrets;

/** This node's scrape scheduler, named by host and a random suffix so that two processes on one host differ. */
@Configuration(proxyBeanMethods = false)
class ScrapeConfiguration {

    @Bean
    ScrapeScheduler scrapeScheduler(ScrapeTargetRepository repository, MetricStore store, MetricMetadata metadata,
            MetricsProperties properties, Secrets secrets) {
        var ingest = properties.ingest();
        var limits = new IngestLimits(ingest.maxLabelValueLength(), ingest.maxLabelsPerSeries(),
                Math.toIntExact(ingest.maxRemoteWriteBytes().toBytes()),
                Math.toIntExact(ingest.maxRemoteWriteDecompressedBytes().toBytes()));
        return new ScrapeScheduler(repository, store, metadata, properties.scrape(), limits, secrets,
                hostName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
