package io.opsline.alerting.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.notify.Channel;
import io.opsline.alerting.internal.notify.ChannelInput;
import io.opsline.alerting.internal.notify.Channels;
import io.opsline.alerting.internal.notify.Delivery;
import io.opsline.alerting.internal.notify.SavedChannel;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;

/**
 * Notification channels over REST. Everyone may see them (without their secrets) and how they are
 * doing; admins set them up, as a channel decides where alerts leave the building; operators may
 * send a test message.
 */
@RestController
class ChannelApi {

    private final Channels channels;

    ChannelApi(Channels channels) {
        this.channels = channels;
    }

    @GetMapping("/api/v1/notification-channels")
    @RequiresRole(Role.VIEWER)
    List<Channel> list() {
        return channels.list();
    }

    @GetMapping("/api/v1/notification-channels/{id}")
    @RequiresRole(Role.VIEWER)
    Channel get(@PathVariable UUID id) {
        return channels.get(id);
    }

    /** Creates a channel; a webhook secret Opsline generates is in the answer, and never shown again. */
    @PostMapping("/api/v1/notification-channels")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<SavedChannel> create(@RequestBody ChannelInput input, Principal principal) {
        var saved = channels.create(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/notification-channels/" + saved.channel().id())).body(saved);
    }

    /** Changes a channel; {@code version} must be the one read, secrets and URL left out stay as they are. */
    @PutMapping("/api/v1/notification-channels/{id}")
    @RequiresRole(Role.ADMIN)
    SavedChannel update(@PathVariable UUID id, @RequestBody ChannelInput input) {
        return channels.update(id, input);
    }

    @DeleteMapping("/api/v1/notification-channels/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        channels.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Queues a test message through the channel; the answer is its delivery, to follow at /notification-deliveries. */
    @PostMapping("/api/v1/notification-channels/{id}/test")
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<Delivery> test(@PathVariable UUID id, Principal principal) {
        var delivery = channels.test(id, principal.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/notification-deliveries/" + delivery.id()))
                .body(delivery);
    }
}
