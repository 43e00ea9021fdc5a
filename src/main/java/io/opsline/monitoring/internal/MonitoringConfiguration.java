package io.opsline.monitoring.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.opsline.monitoring.internal.nagios.PluginRunner;

/** Monitoring's beans; scheduling on for its periodic work (downtimes, acknowledgements, templates). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MonitoringConfiguration {

    @Bean
    PluginRunner pluginRunner(MonitoringProperties properties) {
        return new PluginRunner(properties.pluginDirectories(),
                (int) Math.min(Integer.MAX_VALUE, properties.pluginOutputLimit().toBytes()), properties.timeoutState());
    }
}
