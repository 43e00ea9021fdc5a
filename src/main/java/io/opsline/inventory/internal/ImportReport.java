package io.opsline.inventory.internal;

/**
 * What an import did (or, for a dry run, would do). Re-importing the same file reports everything
 * unchanged.
 */
public record ImportReport(boolean dryRun, int cisCreated, int cisUpdated, int cisUnchanged, int relationshipsCreated,
        int relationshipsUnchanged) {
}
