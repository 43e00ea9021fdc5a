package io.opsline.inventory.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Inventory settings.
 *
 * @param maxImportSize      the largest import file accepted
 * @param maxReportedErrors  how many row errors a refused import lists (the total is always given)
 * @param statisticsAfterImportRows after an import writing at least this many CIs and relationships,
 *                           the database's planner statistics for the inventory tables are
 *                           refreshed at once rather than when autovacuum gets round to it; 0: never
 */
@Validated
@ConfigurationProperties("opsline.inventory")
public record InventoryProperties(
        @DefaultValue("64MB") @NotNull DataSize maxImportSize,
        @DefaultValue("10000") @Min(1) int maxReportedErrors,
        @DefaultValue("10000") @Min(0) int statisticsAfterImportRows) {
}
