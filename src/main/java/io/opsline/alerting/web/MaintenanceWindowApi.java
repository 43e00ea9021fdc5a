package io.opsline.alerting.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.suppress.MaintenanceWindow;
import io.opsline.alerting.internal.suppress.MaintenanceWindows;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/** Maintenance windows over REST: monitoring's downtimes as they suppress alerts; read-only here. */
@RestController
class MaintenanceWindowApi {

    private final MaintenanceWindows windows;

    MaintenanceWindowApi(MaintenanceWindows windows) {
        this.windows = windows;
    }

    /** Windows not ended, and those ended recently ({@code opsline.alerting.maintenance-history}). */
    @GetMapping("/api/v1/maintenance-windows")
    @RequiresRole(Role.VIEWER)
    List<MaintenanceWindow> list() {
        return windows.list();
    }
}
