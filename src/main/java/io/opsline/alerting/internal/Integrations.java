package io.opsline.alerting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.SecretTokens;
import io.opsline.platform.Sha256;

/**
 * Integrations and their keys. A key is random (about 238 bits), shown once, and kept only as its
 * SHA-256 hash: fast enough to look up on every request, useless to whoever reads the database.
 */
@Service
public class Integrations {

    static final String KEY_PREFIX = "opi_";
    private static final int MAX_NAME = 100;
    private static final int MAX_FIELDS = 20;
    private static final int MAX_FIELD = 200;

    private final IntegrationRepository integrations;
    private final AuditLog audit;

    Integrations(IntegrationRepository integrations, AuditLog audit) {
        this.integrations = integrations;
        this.audit = audit;
    }

    public List<Integration> list() {
        return integrations.findAll();
    }

    public Integration get(UUID id) {
        return integrations.find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public CreatedIntegration create(IntegrationInput input, String actor) {
        var violations = new ArrayList<FieldViolation>();
        var name = input.name() == null ? "" : input.name().trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            violations.add(FieldViolation.of("name", "must have 1 to " + MAX_NAME + " characters"));
        }
        var kind = kind(input.kind(), violations);
        var fields = fields(input.fingerprintFields(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Invalid integration", violations);
        }
        if (integrations.nameTaken(name)) {
            throw new ConflictException("An integration named '" + name + "' exists already");
        }
        var key = SecretTokens.generate(KEY_PREFIX);
        var integration = new Integration(Ids.newId(), name, kind, displayPrefix(key), fields, true, Jdbc.now(),
                actor, 0);
        integrations.insert(integration, Sha256.hex(key));
        audit.record(new AuditEntry("alert-integration.create", "alert-integration", integration.id().toString(),
                "Created %s integration %s".formatted(kind.name().toLowerCase(Locale.ROOT), name), null, integration));
        return new CreatedIntegration(integration, key);
    }

    /** Gives an integration a new key; the old one stops working at once. */
    @Transactional
    public CreatedIntegration rotateKey(UUID id) {
        var integration = get(id);
        var key = SecretTokens.generate(KEY_PREFIX);
        integrations.replaceKey(id, displayPrefix(key), Sha256.hex(key));
        audit.record(new AuditEntry("alert-integration.rotate-key", "alert-integration", id.toString(),
                "Gave integration %s a new key".formatted(integration.name()), integration.keyPrefix(),
                displayPrefix(key)));
        return new CreatedIntegration(get(id), key);
    }

    @Transactional
    public void delete(UUID id) {
        var integration = get(id);
        integrations.delete(id);
        audit.record(new AuditEntry("alert-integration.delete", "alert-integration", id.toString(),
                "Deleted integration " + integration.name(), integration, null));
    }

    /** The enabled integration a presented key opens, if any. */
    public Optional<Integration> authenticate(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX) || key.length() > 200) {
            return Optional.empty();
        }
        return integrations.findByKeyHash(Sha256.hex(key)).filter(Integration::enabled);
    }

    private static IntegrationKind kind(String text, List<FieldViolation> violations) {
        if (text != null) {
            for (var kind : IntegrationKind.values()) {
                if (kind.name().equalsIgnoreCase(text.trim())) {
                    return kind;
                }
            }
        }
        violations.add(FieldViolation.of("kind", "must be one of alertmanager, pagerduty, generic"));
        return null;
    }

    private static List<String> fields(List<String> given, List<FieldViolation> violations) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_FIELDS) {
            violations.add(FieldViolation.of("fingerprintFields", "may name at most " + MAX_FIELDS + " labels"));
            return List.of();
        }
        var fields = new ArrayList<String>();
        for (var field : given) {
            if (field == null || field.isBlank() || field.length() > MAX_FIELD || field.contains(",")) {
                violations.add(FieldViolation.of("fingerprintFields",
                        "label names must have 1 to " + MAX_FIELD + " characters and no comma"));
                return List.of();
            }
            fields.add(field.trim());
        }
        return List.copyOf(fields);
    }

    private static String displayPrefix(String key) {
        return key.substring(0, KEY_PREFIX.length() + 6);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Alert integration", id);
    }
}
