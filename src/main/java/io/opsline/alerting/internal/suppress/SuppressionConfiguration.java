package io.opsline.alerting.internal.suppress;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.opsline.alerting.internal.AlertingProperties;

/**
 * Every node rereads silences, windows and rules and decides open alerts again every
 * {@code opsline.alerting.suppression-refresh}: what other nodes changed, and what began or ended
 * with the clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SuppressionConfiguration implements SchedulingConfigurer {

    private final SuppressionReconciler reconciler;
    private final AlertingProperties properties;

    SuppressionConfiguration(SuppressionReconciler reconciler, AlertingProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(reconciler::refresh, properties.suppressionRefresh());
    }
}
