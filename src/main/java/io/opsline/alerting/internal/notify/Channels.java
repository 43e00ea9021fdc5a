package io.opsline.alerting.internal.notify;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.SecretTokens;
import io.opsline.platform.Secrets;
import io.opsline.platform.Violations;

/**
 * Notification channels as people set them up. Their secrets are sealed before they are stored and
 * never shown again; a webhook secret Opsline generates is shown once, like an integration key.
 */
@Service
public class Channels {

    private final ChannelRepository channels;
    private final DeliveryRepository deliveries;
    private final ChannelRules rules;
    private final Notifications notifications;
    private final Secrets secrets;
    private final AuditLog audit;
    private final AlertingProperties properties;

    Channels(ChannelRepository channels, DeliveryRepository deliveries, ChannelRules rules,
            Notifications notifications, Secrets secrets, AuditLog audit, AlertingProperties properties) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.rules = rules;
        this.notifications = notifications;
        this.secrets = secrets;
        this.audit = audit;
        this.properties = properties;
    }

    public List<Channel> list() {
        return channels.findAll().stream().map(this::view).toList();
    }

    public Channel get(UUID id) {
        return view(stored(id));
    }

    /** What kind of channel an id names, if any: for checking a reference to one. */
    public Optional<ChannelKind> kindOf(UUID id) {
        return channels.find(id).map(StoredChannel::kind);
    }

    @Transactional
    public SavedChannel create(ChannelInput input, String actor) {
        var violations = new Violations();
        var kind = rules.kind(violations, input.kind());
        var now = Jdbc.now();
        var draft = new StoredChannel(Ids.newId(), null, kind, null, null, null, null, null, null, null, null,
                List.of(), true, now, actor, now, 0);
        var built = build(violations, input, draft, true);
        violations.throwIfAny("Invalid notification channel");
        var created = built.channel();
        channels.insert(created);
        audit.record(new AuditEntry("notification-channel.create", "notification-channel", created.id().toString(),
                "Created %s channel %s".formatted(kind.name().toLowerCase(Locale.ROOT), created.name()), null,
                created.view(null)));
        return new SavedChannel(view(created), built.generatedSecret());
    }

    /** Changes a channel based on the version the caller saw; a stale version is a conflict (409). */
    @Transactional
    public SavedChannel update(UUID id, ChannelInput input) {
        var before = stored(id);
        var violations = new Violations();
        if (input.version() == null) {
            violations.add("version", "is required: the version the change is based on");
        }
        if (input.kind() != null) {
            var kind = rules.kind(violations, input.kind());
            if (kind != null && kind != before.kind()) {
                violations.add("kind", "cannot be changed: create a new channel instead");
            }
        }
        var built = build(violations, input, before, false);
        violations.throwIfAny("Invalid notification channel");
        var after = built.channel();
        if (input.version() != before.version() || !channels.update(after, input.version())) {
            throw new ConflictException("Channel %s was changed by someone else (version %d, not %d): reload it"
                    .formatted(before.name(), before.version(), input.version()));
        }
        audit.record(new AuditEntry("notification-channel.update", "notification-channel", id.toString(),
                "Changed channel " + after.name(), before.view(null), after.view(null)));
        return new SavedChannel(view(after), built.generatedSecret());
    }

    @Transactional
    public void delete(UUID id) {
        var before = stored(id);
        channels.delete(id);
        audit.record(new AuditEntry("notification-channel.delete", "notification-channel", id.toString(),
                "Deleted channel " + before.name(), before.view(null), null));
    }

    /** Queues a test message through the channel and returns its delivery. */
    @Transactional
    public Delivery test(UUID id, String actor) {
        var channel = stored(id);
        var key = "test:" + Ids.newId();
        var message = new NotificationMessage(null, "test-" + id, MessageKind.TEST, null,
                "Test message from Opsline", "%s sent this to check channel %s.".formatted(actor, channel.name()),
                null, Map.of(), Jdbc.now(), null, null, null);
        notifications.enqueue(new NotificationRequest(key, id, List.of(), message));
        audit.record(new AuditEntry("notification-channel.test", "notification-channel", id.toString(),
                "Sent a test message through channel " + channel.name(), null, key));
        return notifications.findByKey(key).orElseThrow();
    }

    private record Built(StoredChannel channel, String generatedSecret) {
    }

    /**
     * The channel {@code base} becomes with the input's settings (secrets and URL left out are kept);
     * violations for what is wrong.
     */
    private Built build(Violations violations, ChannelInput input, StoredChannel base, boolean creating) {
        var name = violations.required("name", input.name(), ChannelRules.MAX_NAME);
        if (name != null && channels.nameTaken(name, base.id())) {
            violations.add("name", "another channel is named '%s' already (names are unique in any case)"
                    .formatted(name));
        }
        if (base.kind() == null) {
            return new Built(base, null);
        }
        var followUps = input.followUps() == null ? base.followUps() : input.followUps();
        var next = base;
        String generated = null;
        switch (base.kind()) {
            case EMAIL -> {
                var host = rules.host(violations, input.smtpHost());
                var security = rules.security(violations, input.smtpSecurity());
                var port = rules.port(violations, input.smtpPort(), security);
                var username = violations.optional("smtpUsername", input.smtpUsername(), 255);
                if (input.smtpPassword() != null && username == null) {
                    violations.add("smtpPassword", "needs an smtpUsername");
                }
                var from = rules.address(violations, "fromAddress", input.fromAddress());
                var recipients = rules.addresses(violations, "recipients", input.recipients());
                var sealedPassword = username == null ? null
                        : input.smtpPassword() != null ? secrets.seal(input.smtpPassword()) : base.sealedSecret();
                next = new StoredChannel(base.id(), name, base.kind(), null, null, sealedPassword, host, port,
                        security, username, from, recipients, followUps, base.createdAt(), base.createdBy(), Jdbc.now(),
                        base.version() + (creating ? 0 : 1));
            }
            case WEBHOOK, SLACK, TEAMS -> {
                var url = rules.url(violations, input.url(), creating);
                var sealedSecret = base.sealedSecret();
                if (base.kind() == ChannelKind.WEBHOOK) {
                    var given = rules.secret(violations, input.secret());
                    if (given != null) {
                        sealedSecret = secrets.seal(given);
                    } else if (creating || Boolean.TRUE.equals(input.rotateSecret())) {
                        generated = newSecret();
                        sealedSecret = secrets.seal(generated);
                    }
                }
                next = new StoredChannel(base.id(), name, base.kind(),
                        url == null ? base.sealedUrl() : secrets.seal(url.toString()),
                        url == null ? base.urlHint() : ChannelRules.hint(url), sealedSecret, null, null, null, null,
                        null, List.of(), followUps, base.createdAt(), base.createdBy(), Jdbc.now(),
                        base.version() + (creating ? 0 : 1));
            }
        }
        return new Built(next, generated);
    }

    private StoredChannel stored(UUID id) {
        return channels.find(id).orElseThrow(() -> new NotFoundException("Notification channel", id));
    }

    private Channel view(StoredChannel channel) {
        return channel.view(deliveries.health(channel.id(), properties.notifyFailingAfter()));
    }

    private static String newSecret() {
        return SecretTokens.generate("whsec_");
    }
}
