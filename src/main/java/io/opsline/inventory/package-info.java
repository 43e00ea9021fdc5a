/**
 * The configuration management database: what IT runs (configuration items), how the pieces
 * depend on each other, and what a failure of any piece affects.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Inventory",
        allowedDependencies = {"platform", "identity"})
package io.opsline.inventory;
