package io.opsline.monitoring.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.nagios.ThresholdRange;

/**
 * What a check of each type looks at and what it holds to be a problem. A {@code host} left
 * null means the CI's first address, looked up when the check runs, so that a check template
 * fits every CI it is attached to. Time thresholds are in milliseconds.
 */
public sealed interface CheckSpec {

    CheckType type();

    /** ICMP echo: packet loss in percent and round-trip time. */
    record Ping(String host, int packets, double rttWarningMs, double rttCriticalMs, double lossWarningPercent,
            double lossCriticalPercent) implements CheckSpec {

        public CheckType type() {
            return CheckType.PING;
        }
    }

    /** A TCP connection, optionally sending text and expecting text back. */
    record Tcp(String host, int port, String send, String expect, ThresholdRange responseWarningMs,
            ThresholdRange responseCriticalMs) implements CheckSpec {

        public CheckType type() {
            return CheckType.TCP;
        }
    }

    /**
     * An HTTP request. {@code expectedStatus} empty means any 2xx or 3xx; {@code jsonPath} with
     * {@code jsonExpected} compares one value of a JSON body.
     */
    record Http(URI url, String method, List<Integer> expectedStatus, Pattern bodyRegex, String jsonPath,
            String jsonExpected, Map<String, String> headers, boolean followRedirects, boolean verifyTls,
            ThresholdRange responseWarningMs, ThresholdRange responseCriticalMs) implements CheckSpec {

        public CheckType type() {
            return CheckType.HTTP;
        }
    }

    /** A server certificate: days until it expires, and whether its chain and host name hold. */
    record TlsCertificate(String host, int port, String serverName, int warningDays, int criticalDays,
            boolean verifyChain, boolean verifyHostname) implements CheckSpec {

        public CheckType type() {
            return CheckType.TLS_CERTIFICATE;
        }
    }

    /** A DNS lookup; {@code expected} empty means any answer will do. */
    record Dns(String name, DnsRecordType recordType, String server, List<String> expected,
            ThresholdRange responseWarningMs, ThresholdRange responseCriticalMs) implements CheckSpec {

        public CheckType type() {
            return CheckType.DNS;
        }
    }

    /**
     * An SNMP GET of one OID; {@code rate} turns a counter into a per-second rate between two
     * results (as interface counters are read).
     */
    record Snmp(String host, int port, SnmpVersion version, String community, String user,
            SnmpAuthProtocol authProtocol, String authPassword, SnmpPrivProtocol privProtocol, String privPassword,
            String oid, boolean rate, ThresholdRange warning, ThresholdRange critical) implements CheckSpec {

        public CheckType type() {
            return CheckType.SNMP;
        }
    }

    /** A command over SSH: its exit code and, optionally, its output. */
    record Ssh(String host, int port, String user, String password, String privateKey, String hostKey,
            String command, int expectedExitCode, Pattern outputRegex) implements CheckSpec {

        public CheckType type() {
            return CheckType.SSH;
        }
    }

    /** A Nagios-compatible plugin from the plugin directories, with its arguments. */
    record Plugin(String plugin, List<String> arguments) implements CheckSpec {

        public CheckType type() {
            return CheckType.PLUGIN;
        }
    }

    /** One sample of a Prometheus exposition (e.g. node_exporter), selected by name and labels. */
    record Prometheus(URI url, String metric, Map<String, String> labels, boolean rate, ThresholdRange warning,
            ThresholdRange critical) implements CheckSpec {

        public CheckType type() {
            return CheckType.PROMETHEUS;
        }
    }

    /** Results pushed through the API; without one for {@code freshness}, the check goes {@code staleState}. */
    record Passive(Duration freshness, ServiceState staleState) implements CheckSpec {

        public CheckType type() {
            return CheckType.PASSIVE;
        }
    }
}
