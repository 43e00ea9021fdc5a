package io.opsline.monitoring.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.monitoring.internal.nagios.PluginRunner;

@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    @Bean
    PluginRunner pluginRunner(MonitoringProperties properties) {
        return new PluginRunner(properties.pluginDirectories(),
                (int) Math.min(Integer.MAX_VALUE, properties.pluginOutputLimit().toBytes()), properties.timeoutState());
    }
}
