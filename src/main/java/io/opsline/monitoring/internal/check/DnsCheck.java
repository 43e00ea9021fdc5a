package io.opsline.monitoring.internal.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.ThresholdRange;

/**
 * Asks a DNS server (the check's, or the system's) for one record set, as check_dns does: a
 * name that does not exist, an empty answer, a server failure or no answer in time is CRITICAL,
 * and so is an answer lacking any of the expected values. Answers compare without the final
 * dot, case, or the quotes of TXT records.
 */
public final class DnsCheck {

    private static final int DNS_PORT = 53;

    public CheckResult run(CheckSpec.Dns spec, Duration timeout) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        var type = spec.recordType().name();
        try {
            var resolver = resolver(spec.server());
            resolver.setTimeout(timeout);
            var query = Message.newQuery(Record.newRecord(Name.fromString(spec.name(), Name.root), Type.value(type),
                    DClass.IN));
            var response = resolver.send(query);
            var millis = (System.nanoTime() - started) / 1e6;
            var perf = List.of(ResponseTime.perfDatum(millis, spec.responseWarningMs(), spec.responseCriticalMs(),
                    null));
            var rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return CheckResult.endingNow(ServiceState.CRITICAL, "DNS CRITICAL - %s does not exist".formatted(spec.name()),
                        perf, startedAt, started);
            }
            if (rcode != Rcode.NOERROR) {
                return CheckResult.endingNow(ServiceState.CRITICAL, "DNS CRITICAL - the server answered %s for %s %s"
                        .formatted(Rcode.string(rcode), spec.name(), type), perf, startedAt, started);
            }
            var answers = new ArrayList<String>();
            for (var record : response.getSection(Section.ANSWER)) {
                if (record.getType() == Type.value(type)) {
                    answers.add(normalise(record.rdataToString()));
                }
            }
            if (answers.isEmpty()) {
                return CheckResult.endingNow(ServiceState.CRITICAL, "DNS CRITICAL - no %s record for %s".formatted(type,
                        spec.name()), perf, startedAt, started);
            }
            var missing = spec.expected().stream().map(DnsCheck::normalise).filter(e -> !answers.contains(e)).toList();
            var found = String.join(", ", answers);
            if (!missing.isEmpty()) {
                return CheckResult.endingNow(ServiceState.CRITICAL, "DNS CRITICAL - %s %s is %s, expected %s".formatted(
                        spec.name(), type, found, String.join(", ", missing)), perf, startedAt, started);
            }
            var state = ThresholdRange.judge(millis, spec.responseWarningMs(), spec.responseCriticalMs());
            return CheckResult.endingNow(state, String.format(Locale.ROOT, "DNS %s - %.3f seconds response time, %s %s is %s",
                    state.name(), millis / 1000.0, spec.name(), type, found), perf, startedAt, started);
        } catch (TextParseException e) {
            return CheckResult.endingNow(ServiceState.UNKNOWN, "DNS UNKNOWN - '%s' is not a domain name".formatted(
                    spec.name()), List.of(), startedAt, started);
        } catch (IOException e) {
            if (timedOut(e)) {
                return CheckResult.endingNow(ServiceState.CRITICAL, "DNS CRITICAL - no answer within %s from %s"
                        .formatted(Wording.duration(timeout), server(spec)), List.of(), startedAt, started);
            }
            return CheckResult.endingNow(ServiceState.CRITICAL, "DNS CRITICAL - %s: %s".formatted(server(spec),
                    e.getMessage()), List.of(), startedAt, started);
        }
    }

    /** The server as written: {@code host}, {@code host:port} or {@code [v6]:port}; none is the system's. */
    private static SimpleResolver resolver(String server) throws IOException {
        if (server == null) {
            return new SimpleResolver();
        }
        var host = server;
        var port = DNS_PORT;
        if (server.startsWith("[")) {
            var close = server.indexOf(']');
            host = server.substring(1, close);
            if (server.length() > close + 2 && server.charAt(close + 1) == ':') {
                port = Integer.parseInt(server.substring(close + 2));
            }
        } else if (server.indexOf(':') > 0 && server.indexOf(':') == server.lastIndexOf(':')) {
            host = server.substring(0, server.indexOf(':'));
            port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
        }
        var resolver = new SimpleResolver(InetAddress.getByName(host));
        resolver.setPort(port);
        return resolver;
    }

    /** dnsjava reports a timeout as an IOException caused by a TimeoutException. */
    private static boolean timedOut(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String server(CheckSpec.Dns spec) {
        return spec.server() == null ? "the system's DNS server" : spec.server();
    }

    private static String normalise(String value) {
        var text = value.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
