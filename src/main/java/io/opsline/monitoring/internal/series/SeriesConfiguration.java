package io.opsline.monitoring.internal.series;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link SampleRetention} on its schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SeriesConfiguration {
}
