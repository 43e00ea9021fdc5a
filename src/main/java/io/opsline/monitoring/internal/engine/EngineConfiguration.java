package io.opsline.monitoring.internal.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.monitoring.internal.state.FlapDetector;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    Evaluation evaluation(EngineProperties properties, Surroundings surroundings) {
        return new Evaluation(new FlapDetector(properties.flapLowThreshold(), properties.flapHighThreshold()),
                surroundings);
    }
}
