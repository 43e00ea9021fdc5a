package io.opsline.metrics.internal.scrape;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.metrics.internal.promql.PromqlException;
import io.opsline.metrics.internal.promql.QueryParameters;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Secrets;
import io.opsline.platform.Violations;

/**
 * Scrape targets as people configure them: validated, audited, changed only on the version read.
 * Nodes pick a change up within {@code opsline.metrics.scrape.claim-interval}.
 */
@Service
public class ScrapeTargets {

    static final long DEFAULT_INTERVAL_MS = 15_000;
    static final long DEFAULT_TIMEOUT_MS = 10_000;
    static final long MIN_INTERVAL_MS = 100;
    static final long MAX_INTERVAL_MS = 24 * 3_600_000L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final int MAX_NAME = 200;
    private static final int MAX_URL = 2000;
    private static final int MAX_LABELS = 32;
    private static final int MAX_LABEL_VALUE = 1024;
    private static final int MAX_PATTERNS = 50;
    private static final int MAX_PATTERN = 1000;

    private final ScrapeTargetRepository targets;
    private final AuditLog audit;
    private final ScrapeAccessRules accessRules;

    ScrapeTargets(ScrapeTargetRepository targets, AuditLog audit, Secrets secrets) {
        this.targets = targets;
        this.audit = audit;
        this.accessRules = new ScrapeAccessRules(targets, secrets);
    }

    /** Every target, problems first: down, then failing otherwise, then not scraped yet, then up; by name within. */
    public List<ScrapeTarget> list() {
        var all = new ArrayList<>(targets.findAll());
        all.sort(Comparator.comparingInt((ScrapeTarget t) -> t.enabled() ? t.health().urgency() : 4)
                .thenComparing(ScrapeTarget::name));
        return all;
    }

    public ScrapeTarget get(UUID id) {
        return targets.find(id).orElseThrow(() -> new NotFoundException("Scrape target", id));
    }

    @Transactional
    public ScrapeTarget create(ScrapeTargetInput input) {
        var now = Jdbc.now();
        var valid = validate(input, null);
        var target = valid.toTarget(Ids.newId(), 0, now, now);
        try {
            targets.insert(target, valid.access());
        } catch (DuplicateKeyException e) {
            throw nameTaken(target.name());
        }
        audit.record(new AuditEntry("scrape-target.create", "scrape-target", target.id().toString(),
                "Created scrape target " + target.name() + " (" + target.url() + ")", null, target));
        return target;
    }

    /**
     * Changes a target; {@code input.version()} must be the version read.
     *
     * @throws ConflictException when it changed meanwhile
     */
    @Transactional
    public ScrapeTarget update(UUID id, ScrapeTargetInput input) {
        var before = get(id);
        var valid = validate(input, id);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version the change is based on");
        }
        var after = valid.toTarget(id, input.version() + 1, before.createdAt(), Jdbc.now());
        boolean stored;
        try {
            stored = input.version() == before.version() && targets.update(after, valid.access());
        } catch (DuplicateKeyException e) {
            throw nameTaken(after.name());
        }
        if (!stored) {
            throw stale(id);
        }
        audit.record(new AuditEntry("scrape-target.update", "scrape-target", id.toString(),
                "Changed scrape target " + after.name(), before, after));
        return after;
    }

    /** Deletes a target: its series get staleness markers from the node that scraped it. */
    @Transactional
    public void delete(UUID id, Long version) {
        var before = get(id);
        if (!targets.delete(id, version == null ? before.version() : version)) {
            throw stale(id);
        }
        audit.record(new AuditEntry("scrape-target.delete", "scrape-target", id.toString(),
                "Deleted scrape target " + before.name(), before, null));
    }

    private static ConflictException stale(UUID id) {
        return new ConflictException("Scrape target " + id + " was changed meanwhile; reload it and try again");
    }

    private static InvalidInputException nameTaken(String name) {
        return InvalidInputException.of("name", "a scrape target named " + name + " exists already");
    }

    /** A target as validated, with its secrets sealed. */
    private record Valid(String name, URI url, long intervalMs, long timeoutMs, Map<String, String> labels,
            List<String> keep, List<String> drop, ScrapeAccessRules.Valid access, boolean enabled) {

        ScrapeTarget toTarget(UUID id, long version, Instant createdAt, Instant updatedAt) {
            return new ScrapeTarget(id, name, url.toString(), intervalMs, timeoutMs, labels, keep, drop, access.access(),
                    enabled, version, createdAt, updatedAt,
                    new ScrapeHealth(null, null, null, null, null, 0, null, null));
        }
    }

    private Valid validate(ScrapeTargetInput input, UUID id) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), MAX_NAME);
        if (name != null && name.length() <= MAX_NAME && !NAME.matcher(name).matches()) {
            violations.add("name", "may hold letters, digits and _ . : - only, starting with a letter or digit");
        } else if (name != null && targets.nameTaken(name, id)) {
            violations.add("name", "a scrape target named " + name + " exists already");
        }
        var url = url(violations.required("url", input.url(), MAX_URL), violations);
        var interval = duration("interval", input.interval(), DEFAULT_INTERVAL_MS, violations);
        if (interval >= 0 && (interval < MIN_INTERVAL_MS || interval > MAX_INTERVAL_MS)) {
            violations.add("interval", "must be between 100ms and 1d");
        }
        var timeout = duration("timeout", input.timeout(), Math.min(DEFAULT_TIMEOUT_MS, Math.max(interval, 0)),
                violations);
        if (timeout == 0) {
            violations.add("timeout", "must be more than 0s");
        } else if (timeout > 0 && interval > 0 && timeout > interval) {
            violations.add("timeout", "must not be longer than the interval ("
                    + PrometheusDurations.format(interval) + ")");
        }
        var labels = labels(input.labels(), violations);
        if (name != null && url != null) {
            ScrapeTarget.defaultLabels(name, url).forEach(labels::putIfAbsent);
        }
        var keep = patterns("keep", input.keep(), violations);
        var drop = patterns("drop", input.drop(), violations);
        var access = accessRules.validate(input, url, id, violations);
        violations.throwIfAny("Invalid scrape target");
        return new Valid(name, url, interval, timeout, labels, keep, drop, access,
                input.enabled() == null || input.enabled());
    }

    private static URI url(String text, Violations violations) {
        if (text == null) {
            return null;
        }
        try {
            var url = new URI(text);
            if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("http")
                    && !url.getScheme().equalsIgnoreCase("https")) {
                violations.add("url", "must be an http or https URL, e.g. http://host:9100/metrics");
                return null;
            }
            if (url.getHost() == null || url.getHost().isEmpty()) {
                violations.add("url", "must name a host, e.g. http://host:9100/metrics");
                return null;
            }
            if (url.getFragment() != null) {
                violations.add("url", "must not have a fragment (#" + url.getFragment() + ")");
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            violations.add("url", "is not a URL: " + e.getReason() + " at position " + e.getIndex());
            return null;
        }
    }

    /** The milliseconds of a duration, the default when blank, -1 (with a violation) when it is none. */
    private static long duration(String field, String text, long defaultMs, Violations violations) {
        if (text == null || text.isBlank()) {
            return defaultMs;
        }
        try {
            var ms = QueryParameters.parseDuration(field, text);
            if (ms < 0) {
                violations.add(field, "must not be negative");
                return -1;
            }
            return ms;
        } catch (PromqlException e) {
            violations.add(field, "\"" + text.strip() + "\" is not a duration; write one like 15s, 1m or 500ms");
            return -1;
        }
    }

    private static Map<String, String> labels(Map<String, String> input, Violations violations) {
        var labels = new TreeMap<String, String>();
        if (input == null) {
            return labels;
        }
        if (input.size() > MAX_LABELS) {
            violations.add("labels", "at most " + MAX_LABELS + " labels");
            return labels;
        }
        for (var label : new LinkedHashMap<>(input).entrySet()) {
            var field = "labels." + label.getKey();
            if (label.getKey() == null || !LABEL_NAME.matcher(label.getKey()).matches()) {
                violations.add(field, "is not a label name: use letters, digits and _, not starting with a digit");
            } else if (label.getKey().startsWith("__")) {
                violations.add(field, "names starting with __ are reserved for Prometheus");
            } else if (label.getValue() == null || label.getValue().isEmpty()) {
                violations.add(field, "needs a value");
            } else if (label.getValue().length() > MAX_LABEL_VALUE) {
                violations.add(field, "must be at most " + MAX_LABEL_VALUE + " characters");
            } else {
                labels.put(label.getKey(), label.getValue());
            }
        }
        return labels;
    }

    private static List<String> patterns(String field, List<String> input, Violations violations) {
        if (input == null) {
            return List.of();
        }
        if (input.size() > MAX_PATTERNS) {
            violations.add(field, "at most " + MAX_PATTERNS + " regular expressions");
            return List.of();
        }
        var patterns = new ArrayList<String>();
        for (var i = 0; i < input.size(); i++) {
            var text = input.get(i);
            var at = field + "[" + i + "]";
            if (text == null || text.isBlank()) {
                violations.add(at, "is empty");
            } else if (text.length() > MAX_PATTERN) {
                violations.add(at, "must be at most " + MAX_PATTERN + " characters");
            } else {
                try {
                    Pattern.compile(text);
                    patterns.add(text);
                } catch (PatternSyntaxException e) {
                    violations.add(at, "is not a regular expression: " + e.getDescription()
                            + (e.getIndex() >= 0 ? " at position " + e.getIndex() : "") + " in " + text);
                }
            }
        }
        return patterns;
    }
}
