package io.opsline.alerting.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/** Other modules' events are handled on threads of their own, not in the thread that published them. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AlertingConfiguration {
}
