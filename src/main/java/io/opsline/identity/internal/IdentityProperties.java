package io.opsline.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Identity settings.
 *
 * @param adminPassword      password for the first {@code admin} user; random when unset
 * @param bootstrapToken     on first start, an admin API token with exactly this value
 * @param minPasswordLength  shortest password accepted for any user
 * @param sessionTimeout     how long an idle UI session lasts
 */
@Validated
@ConfigurationProperties("opsline.identity")
public record IdentityProperties(
        String adminPassword,
        String bootstrapToken,
        @DefaultValue("10") @Min(8) int minPasswordLength,
        @DefaultValue("8h") @NotNull Duration sessionTimeout,
        @DefaultValue @Valid LoginThrottling login) {

    /**
     * How failed sign-ins slow an attacker down. After {@code maxFailures} failures for one user
     * from one address (or {@code maxFailuresPerAddress} from one address for any user) further
     * attempts are refused for {@code firstBlock}, doubling with every further failure up to
     * {@code longestBlock}. A successful sign-in clears the user's count.
     */
    public record LoginThrottling(
            @DefaultValue("5") @Min(1) int maxFailures,
            @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
            @DefaultValue("30s") @NotNull Duration firstBlock,
            @DefaultValue("15m") @NotNull Duration longestBlock) {
    }
}
