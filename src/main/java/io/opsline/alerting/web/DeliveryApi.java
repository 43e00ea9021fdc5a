package io.opsline.alerting.web;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.notify.Delivery;
import io.opsline.alerting.internal.notify.DeliveryDetail;
import io.opsline.alerting.internal.notify.DeliveryStatus;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Notification deliveries over REST: what was sent where, each try, and sending a failed one again. */
@RestController
class DeliveryApi {

    private final Notifications notifications;

    DeliveryApi(Notifications notifications) {
        this.notifications = notifications;
    }

    /** Deliveries, newest first, filtered by {@code channel}, {@code status} and {@code alert}. */
    @GetMapping("/api/v1/notification-deliveries")
    @RequiresRole(Role.VIEWER)
    Page<Delivery> list(@RequestParam(required = false) UUID channel,
            @RequestParam(required = false) DeliveryStatus status, @RequestParam(required = false) UUID alert,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notifications.list(channel, status, alert, PageRequest.of(page, size));
    }

    /** A delivery with every try to send it. */
    @GetMapping("/api/v1/notification-deliveries/{id}")
    @RequiresRole(Role.VIEWER)
    DeliveryDetail get(@PathVariable UUID id) {
        return notifications.get(id);
    }

    /** Sends a FAILED delivery again with a fresh set of tries; any other is a conflict (409). */
    @PostMapping("/api/v1/notification-deliveries/{id}/retry")
    @RequiresRole(Role.OPERATOR)
    DeliveryDetail retry(@PathVariable UUID id) {
        return notifications.retry(id);
    }
}
