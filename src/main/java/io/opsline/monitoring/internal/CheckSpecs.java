package io.opsline.monitoring.internal;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.platform.Violations;

/**
 * Reads a check's parameters into its {@link CheckSpec}, with every problem named by field
 * ({@code params.port}), the same way for the API, forms and templates.
 */
final class CheckSpecs {

    private static final Pattern OID = Pattern.compile("\\.?[0-9]+(\\.[0-9]+)+");
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS");
    private static final int MAX_PORT = 65535;

    private CheckSpecs() {
    }

    /**
     * The spec, or null with violations added. Only the parameters are read; whether a named plugin
     * exists is for the caller to ask when a check is saved.
     */
    static CheckSpec read(CheckType type, Map<String, Object> values, Violations violations) {
        var p = new Params(values, violations);
        var before = violations.list().size();
        var spec = switch (type) {
            case PING -> ping(p, violations);
            case TCP -> new CheckSpec.Tcp(p.host("host"), p.requiredInteger("port", 1, MAX_PORT),
                    p.string("send", false, 1000), p.string("expect", false, 1000), p.range("responseWarningMs"),
                    p.range("responseCriticalMs"));
            case HTTP -> http(p, violations);
            case TLS_CERTIFICATE -> tls(p, violations);
            case DNS -> new CheckSpec.Dns(p.string("name", true, 253), p.choice("recordType", DnsRecordType.class,
                    DnsRecordType.A), p.host("server"), p.strings("expected", 50, 1000), p.range("responseWarningMs"),
                    p.range("responseCriticalMs"));
            case SNMP -> snmp(p, violations);
            case SSH -> ssh(p, violations);
            case PLUGIN -> new CheckSpec.Plugin(p.string("plugin", true, 500), p.strings("arguments", 100, 1000));
            case PROMETHEUS -> prometheus(p, violations);
            case PASSIVE -> passive(p, violations);
        };
        p.rejectUnknown(type.key());
        return violations.list().size() == before ? spec : null;
    }

    private static CheckSpec ping(Params p, Violations v) {
        var spec = new CheckSpec.Ping(p.host("host"), p.integer("packets", 5, 1, 100),
                p.number("rttWarningMs", 200.0, 0, 60_000), p.number("rttCriticalMs", 500.0, 0, 60_000),
                p.number("lossWarningPercent", 20.0, 0, 100), p.number("lossCriticalPercent", 60.0, 0, 100));
        if (spec.rttWarningMs() > spec.rttCriticalMs()) {
            v.add("params.rttWarningMs", "must not be above rttCriticalMs");
        }
        if (spec.lossWarningPercent() > spec.lossCriticalPercent()) {
            v.add("params.lossWarningPercent", "must not be above lossCriticalPercent");
        }
        return spec;
    }

    private static CheckSpec http(Params p, Violations v) {
        var method = p.string("method", false, 10);
        if (method != null && !METHODS.contains(method.toUpperCase())) {
            v.add("params.method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        var jsonPath = p.string("jsonPath", false, 500);
        if (jsonPath != null && !jsonPath.startsWith("$")) {
            v.add("params.jsonPath", "must start with $ (e.g. $.status)");
        }
        var jsonExpected = p.string("jsonExpected", false, 1000);
        if (jsonExpected != null && jsonPath == null) {
            v.add("params.jsonExpected", "needs jsonPath to say which value to compare");
        }
        return new CheckSpec.Http(p.url("url", true, Set.of("http", "https")),
                method == null ? "GET" : method.toUpperCase(), p.integers("expectedStatus", 100, 599),
                p.regex("bodyRegex"), jsonPath, jsonExpected, p.stringMap("headers", 50), p.bool("followRedirects", true),
                p.bool("verifyTls", true), p.range("responseWarningMs"), p.range("responseCriticalMs"));
    }

    private static CheckSpec tls(Params p, Violations v) {
        var spec = new CheckSpec.TlsCertificate(p.host("host"), p.integer("port", 443, 1, MAX_PORT),
                p.string("serverName", false, 253), p.integer("warningDays", 30, 0, 3650),
                p.integer("criticalDays", 7, 0, 3650), p.bool("verifyChain", true), p.bool("verifyHostname", true));
        if (spec.warningDays() < spec.criticalDays()) {
            v.add("params.warningDays", "must not be below criticalDays (warnings come first)");
        }
        return spec;
    }

    private static CheckSpec snmp(Params p, Violations v) {
        var version = p.choice("version", SnmpVersion.class, SnmpVersion.V2C);
        var community = p.string("community", false, 200);
        var user = p.string("user", false, 200);
        var auth = p.choice("authProtocol", SnmpAuthProtocol.class, SnmpAuthProtocol.NONE);
        var authPassword = p.string("authPassword", false, 200);
        var priv = p.choice("privProtocol", SnmpPrivProtocol.class, SnmpPrivProtocol.NONE);
        var privPassword = p.string("privPassword", false, 200);
        var oid = p.string("oid", true, 500);
        if (oid != null && !OID.matcher(oid).matches()) {
            v.add("params.oid", "'%s' is not a numeric OID (e.g. 1.3.6.1.2.1.1.3.0)".formatted(oid));
        }
        if (version == SnmpVersion.V2C && community == null) {
            community = "public";
        }
        if (version == SnmpVersion.V3) {
            if (user == null) {
                v.add("params.user", "is required for SNMPv3");
            }
            if (auth != SnmpAuthProtocol.NONE && (authPassword == null || authPassword.length() < 8)) {
                v.add("params.authPassword", "needs at least 8 characters with " + auth.key());
            }
            if (priv != SnmpPrivProtocol.NONE && auth == SnmpAuthProtocol.NONE) {
                v.add("params.privProtocol", "needs an authProtocol: SNMPv3 has no privacy without authentication");
            }
            if (priv != SnmpPrivProtocol.NONE && (privPassword == null || privPassword.length() < 8)) {
                v.add("params.privPassword", "needs at least 8 characters with " + priv.key());
            }
        }
        return new CheckSpec.Snmp(p.host("host"), p.integer("port", 161, 1, MAX_PORT), version, community, user, auth,
                authPassword, priv, privPassword, oid, p.bool("rate", false), p.range("warning"), p.range("critical"));
    }

    private static CheckSpec ssh(Params p, Violations v) {
        var password = p.string("password", false, 200);
        var privateKey = p.string("privateKey", false, 20_000);
        if ((password == null) == (privateKey == null)) {
            v.add("params.password", "give either a password or a privateKey");
        }
        return new CheckSpec.Ssh(p.host("host"), p.integer("port", 22, 1, MAX_PORT), p.string("user", true, 100),
                password, privateKey, p.string("hostKey", false, 1000), p.string("command", true, 4000),
                p.integer("expectedExitCode", 0, 0, 255), p.regex("outputRegex"));
    }

    private static CheckSpec prometheus(Params p, Violations v) {
        var metric = p.string("metric", true, 200);
        if (metric != null && !METRIC.matcher(metric).matches()) {
            v.add("params.metric", "'%s' is not a Prometheus metric name".formatted(metric));
        }
        return new CheckSpec.Prometheus(p.url("url", true, Set.of("http", "https")), metric, p.stringMap("labels", 20),
                p.bool("rate", false), p.range("warning"), p.range("critical"));
    }

    private static CheckSpec passive(Params p, Violations v) {
        var stale = p.choice("staleState", ServiceState.class, ServiceState.UNKNOWN);
        if (stale != ServiceState.UNKNOWN && stale != ServiceState.CRITICAL) {
            v.add("params.staleState", "must be unknown or critical");
        }
        return new CheckSpec.Passive(p.seconds("freshnessSeconds", null, 1, 31 * 24 * 3600), stale);
    }
}
