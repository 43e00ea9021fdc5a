package io.opsline.monitoring.internal.check;

import java.io.IOException;
import java.time.Duration;

import org.springframework.stereotype.Component;

import io.opsline.inventory.CiSummary;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.CounterSample;
import io.opsline.monitoring.internal.nagios.PluginRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs any active check against its CI: picks the executor for the check's type and the address
 * to aim at (the check's own host, else the CI's first address, else its name).
 */
@Component
public class CheckRunner implements AutoCloseable {

    /** A run's result, and the counter reading to keep for the next run of a rate check. */
    public record Run(CheckResult result, CounterSample counter) {
    }

    private final TcpCheck tcp = new TcpCheck();
    private final HttpCheck http;
    private final TlsCertificateCheck tls = new TlsCertificateCheck();
    private final DnsCheck dns = new DnsCheck();
    private final SnmpCheck snmp = new SnmpCheck();
    private final SshCheck ssh = new SshCheck();
    private final PrometheusCheck prometheus;
    private final PingCheck ping;
    private final PluginCheck plugin;

    CheckRunner(PluginRunner plugins, JsonMapper json) {
        var clients = new HttpClients();
        this.http = new HttpCheck(json, clients);
        this.prometheus = new PrometheusCheck(clients);
        this.ping = new PingCheck(plugins);
        this.plugin = new PluginCheck(plugins);
    }

    /**
     * @param previous the counter reading of the check's last run, for rates; null if none
     * @throws IllegalArgumentException for a passive check, which is never run, only sent results
     */
    public Run run(CheckSpec spec, CiSummary ci, Duration timeout, CounterSample previous) {
        return switch (spec) {
            case CheckSpec.Ping p -> plain(ping.run(p, host(p.host(), ci), timeout));
            case CheckSpec.Tcp t -> plain(tcp.run(t, host(t.host(), ci), timeout));
            case CheckSpec.Http h -> plain(http.run(h, timeout));
            case CheckSpec.TlsCertificate t -> plain(tls.run(t, host(t.host(), ci), timeout));
            case CheckSpec.Dns d -> plain(dns.run(d, timeout));
            case CheckSpec.Snmp s -> {
                var reading = snmp.run(s, host(s.host(), ci), timeout, previous);
                yield new Run(reading.result(), reading.counter());
            }
            case CheckSpec.Ssh s -> plain(ssh.run(s, host(s.host(), ci), timeout));
            case CheckSpec.Plugin p -> plain(plugin.run(p, host(null, ci), ci.name(), timeout));
            case CheckSpec.Prometheus p -> {
                var reading = prometheus.run(p, timeout, previous);
                yield new Run(reading.result(), reading.counter());
            }
            case CheckSpec.Passive p -> throw new IllegalArgumentException("passive checks are not run");
        };
    }

    /**
     * The host a check talks to, for limiting how many checks talk to one host at once: the
     * address it aims at, the URL's host, the DNS server asked.
     */
    public static String target(CheckSpec spec, CiSummary ci) {
        return switch (spec) {
            case CheckSpec.Ping p -> host(p.host(), ci);
            case CheckSpec.Tcp t -> host(t.host(), ci);
            case CheckSpec.Http h -> h.url().getHost();
            case CheckSpec.TlsCertificate t -> host(t.host(), ci);
            case CheckSpec.Dns d -> d.server() == null ? "dns" : d.server();
            case CheckSpec.Snmp s -> host(s.host(), ci);
            case CheckSpec.Ssh s -> host(s.host(), ci);
            case CheckSpec.Plugin p -> host(null, ci);
            case CheckSpec.Prometheus p -> p.url().getHost();
            case CheckSpec.Passive p -> "";
        };
    }

    /** The check's own host if it names one, else the CI's first address, else the CI's name. */
    static String host(String own, CiSummary ci) {
        if (own != null) {
            return own;
        }
        return ci.addresses().isEmpty() ? ci.name() : ci.addresses().getFirst();
    }

    private static Run plain(CheckResult result) {
        return new Run(result, null);
    }

    @Override
    public void close() throws IOException {
        ssh.close();
    }
}
