package io.opsline.metrics.internal.scrape;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private static final int MAX_USERNAME = 200;
    private static final int MAX_SECRET = 4000;
    private static final int MAX_CA = 64 * 1024;

    private final ScrapeTargetRepository targets;
    private final AuditLog audit;
    private final Secrets secrets;

    ScrapeTargets(ScrapeTargetRepository targets, AuditLog audit, Secrets secrets) {
        this.targets = targets;
        this.audit = audit;
        this.secrets = secrets;
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
            targets.insert(target, valid.sealedSecret());
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
            stored = input.version() == before.version() && targets.update(after, valid.sealedSecret());
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

    /** A target as validated, with its password or token sealed (null when it has none). */
    private record Valid(String name, URI url, long intervalMs, long timeoutMs, Map<String, String> labels,
            List<String> keep, List<String> drop, ScrapeAccess access, String sealedSecret, boolean enabled) {

        ScrapeTarget toTarget(UUID id, long version, Instant createdAt, Instant updatedAt) {
            return new ScrapeTarget(id, name, url.toString(), intervalMs, timeoutMs, labels, keep, drop, access,
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
        var auth = auth(input, violations);
        var secret = secret(input, auth, id, violations);
        var tls = tls(input, url, violations);
        violations.throwIfAny("Invalid scrape target");
        var access = new ScrapeAccess(auth, auth == ScrapeAccess.Auth.BASIC ? input.username().strip() : null,
                secret != null, tls.caCertificate(), tls.insecureSkipVerify());
        return new Valid(name, url, interval, timeout, labels, keep, drop, access, secret,
                input.enabled() == null || input.enabled());
    }

    private static ScrapeAccess.Auth auth(ScrapeTargetInput input, Violations violations) {
        var auth = ScrapeAccess.Auth.NONE;
        if (!blank(input.auth())) {
            try {
                auth = ScrapeAccess.Auth.valueOf(input.auth().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add("auth", "must be none, basic or bearer");
                return auth;
            }
        }
        var username = input.username();
        if (auth == ScrapeAccess.Auth.BASIC) {
            if (blank(username)) {
                violations.add("username", "is required for basic auth");
            } else if (username.strip().length() > MAX_USERNAME) {
                violations.add("username", "must be at most " + MAX_USERNAME + " characters");
            } else if (username.contains(":")) {
                violations.add("username", "must not contain a colon: basic auth puts one between user and password");
            }
        } else if (!blank(username)) {
            violations.add("username", "is used with basic auth only");
        }
        if (auth != ScrapeAccess.Auth.BASIC && !blank(input.password())) {
            violations.add("password", "is used with basic auth only");
        }
        if (auth != ScrapeAccess.Auth.BEARER && !blank(input.bearerToken())) {
            violations.add("bearerToken", "is used with bearer auth only");
        }
        return auth;
    }

    /**
     * The password or token sealed: the one given, or the stored one when it is sent back masked and
     * the target authenticates the same way as before. Null when the target has none.
     */
    private String secret(ScrapeTargetInput input, ScrapeAccess.Auth auth, UUID id, Violations violations) {
        var field = auth == ScrapeAccess.Auth.BASIC ? "password" : "bearerToken";
        var given = auth == ScrapeAccess.Auth.BASIC ? input.password()
                : auth == ScrapeAccess.Auth.BEARER ? input.bearerToken() : null;
        if (auth == ScrapeAccess.Auth.NONE) {
            return null;
        }
        if (Secrets.MASK.equals(given)) {
            var stored = id == null ? null : targets.storedSecret(id, auth);
            if (stored == null) {
                violations.add(field, "is required: none is stored for " + auth.name().toLowerCase() + " auth to keep");
            }
            return stored;
        }
        if (given == null || given.isEmpty()) {
            violations.add(field, "is required for " + auth.name().toLowerCase() + " auth");
        } else if (given.length() > MAX_SECRET) {
            violations.add(field, "must be at most " + MAX_SECRET + " characters");
        } else if (given.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            violations.add(field, "must be one line without control characters");
        } else {
            return secrets.seal(given);
        }
        return null;
    }

    private record TlsSettings(String caCertificate, boolean insecureSkipVerify) {
    }

    private static TlsSettings tls(ScrapeTargetInput input, URI url, Violations violations) {
        var ca = blank(input.caCertificate()) ? null : input.caCertificate().strip();
        var skip = Boolean.TRUE.equals(input.insecureSkipVerify());
        var https = url != null && url.getScheme().equalsIgnoreCase("https");
        if (ca != null) {
            if (url != null && !https) {
                violations.add("caCertificate", "applies to https URLs only");
            } else if (ca.length() > MAX_CA) {
                violations.add("caCertificate", "must be at most " + MAX_CA + " characters");
            } else if (skip) {
                violations.add("insecureSkipVerify", "cannot be combined with a CA certificate: check the server"
                        + " against the certificate, or check nothing");
            } else {
                try {
                    ScrapeTls.certificates(ca);
                } catch (IllegalArgumentException e) {
                    violations.add("caCertificate", e.getMessage());
                }
            }
        } else if (skip && url != null && !https) {
            violations.add("insecureSkipVerify", "applies to https URLs only");
        }
        return new TlsSettings(ca, skip);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
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
