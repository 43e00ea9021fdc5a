package io.opsline.monitoring.internal.template;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.opsline.monitoring.internal.CheckSettingsInput;

/**
 * A check template as a client sends it, before validation: which CIs ({@code class}, all of
 * {@code tags}, one of {@code statuses}, by default only active CIs) and the check they get,
 * with the same fields and rules as a check's.
 *
 * @param version required on update: the version last read
 */
public record TemplateInput(@JsonProperty("class") String ciClass, List<String> tags, List<String> statuses,
        String name, String type, Map<String, Object> params, Integer intervalSeconds, Integer retryIntervalSeconds,
        Integer maxAttempts, Double timeoutSeconds, Boolean enabled, Long version) implements CheckSettingsInput {
}
