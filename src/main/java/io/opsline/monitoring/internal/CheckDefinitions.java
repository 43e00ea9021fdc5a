package io.opsline.monitoring.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiDeleted;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.nagios.PluginPathException;
import io.opsline.monitoring.internal.nagios.PluginRunner;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Secrets;
import io.opsline.platform.Violations;

/** Creating, changing and removing checks, each change validated and audited. */
@Service
public class CheckDefinitions {

    /** How a stored secret parameter is shown; sent back unchanged, it keeps the stored value. */
    public static final String MASK = "********";
    /** The state filter's word for checks that have not run yet. */
    public static final String PENDING = "pending";
    private static final Map<CheckType, Set<String>> SECRET_PARAMS = Map.of(
            CheckType.SNMP, Set.of("community", "authPassword", "privPassword"),
            CheckType.SSH, Set.of("password", "privateKey"));
    private static final int DEFAULT_INTERVAL = 60;
    private static final int DEFAULT_RETRY_INTERVAL = 30;
    private static final int DEFAULT_MAX_ATTEMPTS = 3;
    private static final double DEFAULT_TIMEOUT_SECONDS = 10;
    private static final int MAX_INTERVAL = 86_400;

    private final CheckRepository checks;
    private final Inventory inventory;
    private final PluginRunner plugins;
    private final Secrets secrets;
    private final AuditLog audit;
    private final MonitoringProperties properties;
    private final ApplicationEventPublisher events;

    CheckDefinitions(CheckRepository checks, Inventory inventory, PluginRunner plugins, Secrets secrets,
            AuditLog audit, MonitoringProperties properties, ApplicationEventPublisher events) {
        this.events = events;
        this.checks = checks;
        this.inventory = inventory;
        this.plugins = plugins;
        this.secrets = secrets;
        this.audit = audit;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public Page<CheckView> search(String ci, String type, PageRequest page) {
        return search(ci, type, null, page);
    }

    /**
     * Lists checks, optionally of one CI, of one type, or standing in one state.
     *
     * @param state a service state (ok, warning, unknown, critical), or pending for checks that
     *        have not run yet; blank for any
     */
    @Transactional(readOnly = true)
    public Page<CheckView> search(String ci, String type, String state, PageRequest page) {
        var v = new Violations();
        var ciId = v.optionalId("ci", ci, "must be a CI id");
        var checkType = v.optionalChoice("type", type, CheckType.class);
        String shownState = null;
        if (state != null && !state.isBlank()) {
            shownState = PENDING.equalsIgnoreCase(state.strip()) ? "PENDING"
                    : Choice.parse(ServiceState.class, state).map(Enum::name).orElse(null);
            if (shownState == null) {
                v.add("state", "unknown value '%s': use one of %s, %s".formatted(state, Choice.keys(ServiceState.class),
                        PENDING));
            }
        }
        v.throwIfAny("Invalid filter");
        var found = checks.search(ciId, checkType, shownState, page);
        var cis = inventory.findAll(found.items().stream().map(CheckDefinition::ciId).distinct().toList());
        return found.map(c -> view(c, cis.get(c.ciId())));
    }

    @Transactional(readOnly = true)
    public CheckView get(UUID id) {
        var check = find(id);
        return view(check, inventory.find(check.ciId()).orElse(null));
    }

    @Transactional
    public CheckView create(CheckInput input) {
        var valid = validate(input, null);
        var now = Jdbc.now();
        var check = new CheckDefinition(Ids.newId(), valid.ci().id(), valid.name(), valid.type(), valid.params(),
                valid.intervalSeconds(), valid.retryIntervalSeconds(), valid.maxAttempts(), valid.timeoutMillis(),
                valid.enabled(), now, now, 1);
        if (checks.nameTaken(check.ciId(), check.name(), null)) {
            throw duplicate(check.name(), valid.ci());
        }
        checks.insert(check);
        var created = view(check, valid.ci());
        audit.record(new AuditEntry("check.create", "check", check.id().toString(),
                "Created %s check %s on %s".formatted(check.type().key(), check.name(), valid.ci().name()), null,
                created));
        events.publishEvent(new CheckDefinitionChanged(check.id()));
        return created;
    }

    @Transactional
    public CheckView update(UUID id, CheckInput input) {
        var existing = find(id);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: send the version you last read");
        }
        var valid = validate(input, existing);
        if (input.version() != existing.version()) {
            throw stale(existing, input.version());
        }
        if (checks.nameTaken(valid.ci().id(), valid.name(), id)) {
            throw duplicate(valid.name(), valid.ci());
        }
        var before = view(existing, inventory.find(existing.ciId()).orElse(null));
        var changed = new CheckDefinition(id, valid.ci().id(), valid.name(), valid.type(), valid.params(),
                valid.intervalSeconds(), valid.retryIntervalSeconds(), valid.maxAttempts(), valid.timeoutMillis(),
                valid.enabled(), existing.createdAt(), Jdbc.now(), existing.version());
        if (!checks.update(changed)) {
            throw stale(find(id), input.version());
        }
        var after = view(find(id), valid.ci());
        audit.record(new AuditEntry("check.update", "check", id.toString(),
                "Updated %s check %s on %s".formatted(changed.type().key(), changed.name(), valid.ci().name()), before,
                after));
        events.publishEvent(new CheckDefinitionChanged(id));
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        var existing = find(id);
        var ci = inventory.find(existing.ciId()).orElse(null);
        var before = view(existing, ci);
        checks.delete(id);
        audit.record(new AuditEntry("check.delete", "check", id.toString(),
                "Deleted %s check %s".formatted(existing.type().key(), existing.name()), before, null));
        events.publishEvent(new CheckDefinitionChanged(id));
    }

    /** A deleted CI takes its checks with it, in the same transaction. */
    @EventListener
    void on(CiDeleted event) {
        var entries = new ArrayList<AuditEntry>();
        for (var check : checks.findByCi(event.ciId())) {
            checks.delete(check.id());
            entries.add(new AuditEntry("check.delete", "check", check.id().toString(),
                    "Deleted %s check %s with its CI %s".formatted(check.type().key(), check.name(), event.name()),
                    view(check, null), null));
            events.publishEvent(new CheckDefinitionChanged(check.id()));
        }
        audit.recordAll(entries);
    }

    /**
     * What a stored check looks at, its secrets opened, for running it. The parameters were valid
     * when stored; a plugin that has gone since is the plugin runner's to report.
     */
    public CheckSpec spec(CheckDefinition check) {
        var params = new LinkedHashMap<>(check.params());
        for (var secret : SECRET_PARAMS.getOrDefault(check.type(), Set.of())) {
            if (params.get(secret) instanceof String sealed) {
                params.put(secret, secrets.open(sealed));
            }
        }
        var v = new Violations();
        var spec = CheckSpecs.read(check.type(), params, v);
        if (spec == null) {
            throw new IllegalStateException("check %s no longer reads as a %s check: %s".formatted(check.id(),
                    check.type().key(), v.list()));
        }
        return spec;
    }

    private CheckDefinition find(UUID id) {
        return checks.findById(id).orElseThrow(() -> new NotFoundException("Check", id));
    }

    private record Valid(CiSummary ci, String name, CheckType type, Map<String, Object> params, int intervalSeconds,
            int retryIntervalSeconds, int maxAttempts, int timeoutMillis, boolean enabled) {
    }

    private Valid validate(CheckInput input, CheckDefinition existing) {
        var v = new Violations();
        CiSummary ci = null;
        var ciId = Ids.parseOrNull(input.ci() == null ? null : input.ci().strip());
        if (input.ci() == null || input.ci().isBlank()) {
            v.add("ci", "is required: the id of the configuration item to check");
        } else if (ciId == null) {
            v.add("ci", "must be a CI id");
        } else {
            ci = inventory.find(ciId).orElse(null);
            if (ci == null) {
                v.add("ci", "no configuration item with id " + ciId);
            }
        }
        var name = v.required("name", input.name(), 100);
        CheckType type = null;
        if (input.type() == null || input.type().isBlank()) {
            v.add("type", "is required: one of " + Choice.keys(CheckType.class));
        } else {
            type = Choice.parse(CheckType.class, input.type()).orElse(null);
            if (type == null) {
                v.add("type", "unknown check type '%s': use one of %s".formatted(input.type(),
                        Choice.keys(CheckType.class)));
            }
        }
        Map<String, Object> params = Map.of();
        if (type != null) {
            params = withStoredSecrets(type, input.params(), existing);
            if (CheckSpecs.read(type, params, v) instanceof CheckSpec.Plugin plugin && plugin.plugin() != null) {
                try {
                    plugins.resolve(plugin.plugin());
                } catch (PluginPathException e) {
                    v.add("params.plugin", e.getMessage());
                }
            }
        }
        var floor = (int) Math.max(1, properties.minInterval().toSeconds());
        var interval = seconds(v, "intervalSeconds", input.intervalSeconds(), Math.max(floor, DEFAULT_INTERVAL), floor);
        var retry = seconds(v, "retryIntervalSeconds", input.retryIntervalSeconds(),
                Math.max(floor, Math.min(interval, DEFAULT_RETRY_INTERVAL)), floor);
        var maxAttempts = input.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : input.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > 20) {
            v.add("maxAttempts", "must be from 1 to 20");
        }
        double timeout = input.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : input.timeoutSeconds();
        var maxTimeout = properties.maxTimeout().toMillis() / 1000.0;
        if (Double.isNaN(timeout) || timeout < 0.1 || timeout > maxTimeout) {
            v.add("timeoutSeconds", "must be from 0.1 to %s seconds".formatted(Wording.number(maxTimeout)));
        } else if (timeout > interval) {
            v.add("timeoutSeconds", "must not be longer than the interval (%d s)".formatted(interval));
        }
        v.throwIfAny("Invalid check");
        return new Valid(ci, name, type, sealed(type, params), interval, retry, maxAttempts,
                (int) Math.round(timeout * 1000), input.enabled() == null || input.enabled());
    }

    private static int seconds(Violations v, String field, Integer given, int fallback, int floor) {
        if (given == null) {
            return fallback;
        }
        if (given < floor || given > MAX_INTERVAL) {
            v.add(field, "must be from %d to %d seconds (the shortest allowed is opsline.monitoring.min-interval)"
                    .formatted(floor, MAX_INTERVAL));
            return fallback;
        }
        return given;
    }

    /** The parameters as given, with masked secrets replaced by the stored ones (opened). */
    private Map<String, Object> withStoredSecrets(CheckType type, Map<String, Object> given,
            CheckDefinition existing) {
        var params = new LinkedHashMap<String, Object>();
        if (given != null) {
            given.forEach((k, value) -> {
                if (value != null) {
                    params.put(k, value);
                }
            });
        }
        for (var secret : SECRET_PARAMS.getOrDefault(type, Set.of())) {
            if (MASK.equals(params.get(secret))) {
                var stored = existing == null ? null : existing.params().get(secret);
                if (stored instanceof String sealed && existing.type() == type) {
                    params.put(secret, secrets.open(sealed));
                } else {
                    params.remove(secret);
                }
            }
        }
        return params;
    }

    private Map<String, Object> sealed(CheckType type, Map<String, Object> params) {
        var stored = new LinkedHashMap<>(params);
        for (var secret : SECRET_PARAMS.getOrDefault(type, Set.of())) {
            if (stored.get(secret) instanceof String plain) {
                stored.put(secret, secrets.seal(plain));
            }
        }
        return stored;
    }

    private static CheckView view(CheckDefinition c, CiSummary ci) {
        var params = new LinkedHashMap<>(c.params());
        for (var secret : SECRET_PARAMS.getOrDefault(c.type(), Set.of())) {
            params.computeIfPresent(secret, (k, value) -> MASK);
        }
        return new CheckView(c.id(), new CheckView.CiOfCheck(c.ciId(), ci == null ? null : ci.name(),
                ci == null ? null : ci.ciClass()), c.name(), c.type(), params, c.intervalSeconds(),
                c.retryIntervalSeconds(), c.maxAttempts(), c.timeoutMillis() / 1000.0, c.enabled(), c.createdAt(),
                c.updatedAt(), c.version());
    }

    private static ConflictException duplicate(String name, CiSummary ci) {
        return ConflictException.onField("name", "%s already has a check named '%s'".formatted(ci.name(), name));
    }

    private static ConflictException stale(CheckDefinition existing, long sent) {
        return ConflictException.onField("version", ("check %s was changed by someone else (now version %d, you sent"
                + " %d); reload it and apply your change again").formatted(existing.name(), existing.version(), sent));
    }
}
