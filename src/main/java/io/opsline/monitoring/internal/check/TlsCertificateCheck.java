package io.opsline.monitoring.internal.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;

/**
 * Looks at the certificate a TLS server presents: days until it expires against the warning and
 * critical days, whether its chain leads to a trusted root (the JDK's trust store), and whether it
 * names the host asked for. The handshake itself accepts any certificate, so that an expired or
 * untrusted one is reported for what it is rather than as a failed connection.
 */
public final class TlsCertificateCheck {

    /** The JDK's trust store, read when the first certificate is judged rather than at start-up. */
    private static final class Trusted {
        static final X509TrustManager MANAGER = defaultTrustManager();
    }

    public CheckResult run(CheckSpec.TlsCertificate spec, String host, Duration timeout) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        var serverName = spec.serverName() != null ? spec.serverName() : host;
        var where = host + ":" + spec.port();
        X509Certificate[] chain;
        try (var plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, spec.port()), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (var tls = (SSLSocket) AcceptingTls.context().getSocketFactory().createSocket(plain, serverName, spec.port(), false)) {
                if (!isIpAddress(serverName)) {
                    var parameters = tls.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(serverName)));
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                chain = (X509Certificate[]) tls.getSession().getPeerCertificates();
            }
        } catch (UnknownHostException e) {
            return CheckResult.endingNow(ServiceState.UNKNOWN, "TLS UNKNOWN - cannot resolve host " + host, List.of(),
                    startedAt, started);
        } catch (SocketTimeoutException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "TLS CRITICAL - no answer within %s from %s"
                    .formatted(Wording.duration(timeout), where), List.of(), startedAt, started);
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "TLS CRITICAL - %s: %s".formatted(where, e.getMessage()),
                    List.of(), startedAt, started);
        }
        return judge(spec, serverName, chain, startedAt, started);
    }

    private CheckResult judge(CheckSpec.TlsCertificate spec, String serverName, X509Certificate[] chain,
            Instant startedAt, long started) {
        var leaf = chain[0];
        var now = Instant.now();
        var problems = new ArrayList<String>();
        var state = ServiceState.OK;
        var expires = leaf.getNotAfter().toInstant();
        var daysLeft = Duration.between(now, expires).toDays();
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            state = ServiceState.CRITICAL;
            problems.add("not valid before " + date(leaf.getNotBefore().toInstant()));
        }
        if (!expires.isAfter(now)) {
            state = ServiceState.CRITICAL;
            problems.add("expired on " + date(expires));
        } else if (daysLeft <= spec.criticalDays()) {
            state = ServiceState.CRITICAL;
        } else if (daysLeft <= spec.warningDays() && state == ServiceState.OK) {
            state = ServiceState.WARNING;
        }
        if (spec.verifyChain()) {
            try {
                Trusted.MANAGER.checkServerTrusted(chain, "UNKNOWN");
            } catch (CertificateException e) {
                state = ServiceState.CRITICAL;
                problems.add("chain not trusted: " + Wording.rootCause(e));
            }
        }
        if (spec.verifyHostname() && !HostNames.matches(serverName, names(leaf))) {
            state = ServiceState.CRITICAL;
            problems.add("issued for %s, not %s".formatted(String.join(", ", names(leaf)), serverName));
        }
        var summary = String.format(Locale.ROOT, "TLS %s - certificate for %s expires in %d days (%s), issued by %s%s",
                state.name(), serverName, daysLeft, date(expires), leaf.getIssuerX500Principal().getName(),
                problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        var perf = List.of(new PerfDatum("days", (double) daysLeft, "",
                ThresholdRange.parse(spec.warningDays() + ":"), ThresholdRange.parse(spec.criticalDays() + ":"), null,
                null));
        return CheckResult.endingNow(state, summary, perf, startedAt, started);
    }

    /** The DNS names and IP addresses a certificate is for (subject alternative names, else its CN). */
    static List<String> names(X509Certificate certificate) {
        var names = new ArrayList<String>();
        try {
            var alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (var entry : alternatives) {
                    var kind = (Integer) entry.get(0);
                    if (kind == 2 || kind == 7) {
                        names.add(entry.get(1).toString());
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the common name
        }
        if (names.isEmpty()) {
            for (var part : certificate.getSubjectX500Principal().getName().split(",")) {
                if (part.strip().startsWith("CN=")) {
                    names.add(part.strip().substring(3));
                }
            }
        }
        return names;
    }

    private static boolean isIpAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static X509TrustManager defaultTrustManager() {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read", e);
        }
    }
}
