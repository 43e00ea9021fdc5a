package io.opsline.alerting.internal.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.opsline.alerting.Event;
import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.internal.EventPreparation;
import io.opsline.alerting.internal.Integration;
import io.opsline.alerting.internal.IntegrationKind;
import io.opsline.alerting.internal.Integrations;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PayloadTooLargeException;

/**
 * The external doors into the intake, whatever carries the request: a sender is known by its
 * integration key, held to its integration's rate limit and to the size limit, its body read in
 * its integration's format, and its events stored before it is answered.
 */
@Service
public class ExternalIntake {

    public static final String EVENTS_PATH = "/api/v1/intake/events";
    public static final String ALERTMANAGER_PATH = "/api/v1/intake/alertmanager";
    public static final String PAGERDUTY_PATH = "/api/v1/intake/pagerduty/v2/enqueue";

    private static final String BEARER = "Bearer ";

    private final Integrations integrations;
    private final EventPreparation preparation;
    private final SourceLimits limits;
    private final int maxBodyBytes;

    ExternalIntake(Integrations integrations, EventPreparation preparation, SourceLimits limits,
            AlertingProperties properties) {
        this.integrations = integrations;
        this.preparation = preparation;
        this.limits = limits;
        this.maxBodyBytes = Math.toIntExact(properties.intakeMaxBody().toBytes());
    }

    /**
     * Stores the events of a request to the generic or the Alertmanager door.
     *
     * @param authorization the Authorization header as sent, or null
     * @param declaredLength the Content-Length the sender declared, or -1
     * @return how many events were stored
     * @throws IntakeRefusedException for a missing or unknown key, a key of another door, or a flood
     * @throws PayloadTooLargeException for a body over the limit
     * @throws InvalidInputException for a body that does not fit the format, naming each field
     */
    public int receive(IntegrationKind door, String authorization, InputStream body, long declaredLength) {
        if (door == IntegrationKind.PAGERDUTY) {
            throw new IllegalArgumentException("PagerDuty events carry their key in the body");
        }
        var integration = authenticate(bearer(authorization), door);
        byte[] bytes;
        try {
            bytes = read(body, declaredLength);
        } catch (PayloadTooLargeException e) {
            limits.tooLarge(integration.id());
            throw e;
        }
        var now = Instant.now();
        List<Event> events;
        try {
            events = door == IntegrationKind.ALERTMANAGER
                    ? AlertmanagerWebhook.parse(bytes, integration.name(), now)
                    : GenericEvents.parse(bytes, integration.name(), now);
        } catch (InvalidInputException e) {
            limits.invalid(integration.id());
            throw e;
        }
        store(integration, events);
        return events.size();
    }

    /**
     * Stores the event of a request to the PagerDuty door, answering as PagerDuty does: 202 with
     * the dedup key, or 400 listing what is wrong.
     *
     * @throws IntakeRefusedException for a missing or unknown routing key, one of another door, or a flood
     * @throws PayloadTooLargeException for a body over the limit
     */
    public PagerDutyResponse receivePagerDuty(InputStream body, long declaredLength) {
        var bytes = read(body, declaredLength);
        PagerDutyEnqueue enqueue;
        try {
            enqueue = PagerDutyEvents.parse(bytes, IntegrationKind.PAGERDUTY.name(), Instant.now());
        } catch (InvalidInputException e) {
            if (e.violations().stream().anyMatch(v -> v.field().equals("routing_key"))) {
                throw IntakeRefusedException.unknownKey();
            }
            // PagerDuty checks the event before the key; so does this door, to answer senders alike.
            return PagerDutyResponse.invalid(e);
        }
        var integration = authenticate(enqueue.routingKey(), IntegrationKind.PAGERDUTY);
        var event = enqueue.event();
        store(integration, List.of(new Event(integration.name(), event.dedupKey(), event.action(), event.severity(),
                event.summary(), event.labels(), event.details(), event.ci(), event.occurredAt(), event.link())));
        return PagerDutyResponse.accepted(enqueue.dedupKey());
    }

    /** What an integration sent to this node since it started. */
    public IntakeTraffic traffic(UUID integration) {
        return limits.traffic(integration);
    }

    /** The integration a key opens, which must be one for this door. */
    private Integration authenticate(String key, IntegrationKind door) {
        var integration = integrations.authenticate(key).orElseThrow(IntakeRefusedException::unknownKey);
        if (integration.kind() != door) {
            throw IntakeRefusedException.wrongDoor(kindName(integration.kind()), pathOf(integration.kind()));
        }
        return integration;
    }

    private void store(Integration integration, List<Event> events) {
        var wait = limits.admit(integration.id(), events.size());
        if (wait > 0) {
            throw IntakeRefusedException.tooMany(integration.name(), wait);
        }
        preparation.store(events, integration.fingerprintFields());
        limits.stored(integration.id(), events.size(), Instant.now());
    }

    /** The body, read no further than the limit, so an endless body costs nothing. */
    private byte[] read(InputStream body, long declaredLength) {
        if (declaredLength > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        try {
            var bytes = body.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw new PayloadTooLargeException(maxBodyBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    static String pathOf(IntegrationKind kind) {
        return switch (kind) {
            case ALERTMANAGER -> ALERTMANAGER_PATH;
            case PAGERDUTY -> PAGERDUTY_PATH;
            case GENERIC -> EVENTS_PATH;
        };
    }

    private static String kindName(IntegrationKind kind) {
        return switch (kind) {
            case ALERTMANAGER -> "Alertmanager";
            case PAGERDUTY -> "PagerDuty";
            case GENERIC -> "generic";
        };
    }
}
