package io.opsline.monitoring.internal.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.ThresholdRange;

/**
 * Connects over TCP, as check_tcp does: a refused or timed-out connection is CRITICAL, an answer
 * without the expected text is CRITICAL, and the response time is held to its thresholds. A
 * host name that does not resolve is UNKNOWN: the check cannot tell whether the service is up.
 */
public final class TcpCheck {

    /** How much of an answer is read while looking for the expected text. */
    private static final int MAX_ANSWER = 64 * 1024;

    public CheckResult run(CheckSpec.Tcp spec, String host, Duration timeout) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        var where = host + " port " + spec.port();
        try (var socket = new Socket()) {
            var deadline = started + timeout.toNanos();
            socket.connect(new InetSocketAddress(host, spec.port()), millisLeft(deadline));
            if (spec.send() != null) {
                socket.getOutputStream().write(unescape(spec.send()).getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            }
            String answer = null;
            if (spec.expect() != null) {
                answer = readUntil(socket, unescape(spec.expect()), deadline);
            }
            var millis = elapsedMillis(started);
            var perf = List.of(ResponseTime.perfDatum(millis, spec.responseWarningMs(), spec.responseCriticalMs(),
                    timeout.toMillis() / 1000.0));
            if (answer != null && !answer.contains(unescape(spec.expect()))) {
                return CheckResult.endingNow(ServiceState.CRITICAL, "TCP CRITICAL - Unexpected response from %s: %s"
                        .formatted(where, firstLine(answer)), perf, startedAt, started);
            }
            var state = ThresholdRange.judge(millis, spec.responseWarningMs(), spec.responseCriticalMs());
            return CheckResult.endingNow(state, "TCP %s - %.3f second response time on %s".formatted(state.name(), millis / 1000.0,
                    where), perf, startedAt, started);
        } catch (UnknownHostException e) {
            return CheckResult.endingNow(ServiceState.UNKNOWN, "TCP UNKNOWN - cannot resolve host " + host, List.of(), startedAt,
                    started);
        } catch (SocketTimeoutException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "TCP CRITICAL - Socket timeout after %s on %s"
                    .formatted(Wording.duration(timeout), where), List.of(), startedAt, started);
        } catch (IOException | IllegalArgumentException e) {
            // Refused, no route, reset: the service is not there to answer.
            return CheckResult.endingNow(ServiceState.CRITICAL, "TCP CRITICAL - %s on %s".formatted(reason(e), where), List.of(),
                    startedAt, started);
        }
    }

    private static String readUntil(Socket socket, String expect, long deadline) throws IOException {
        var answer = new StringBuilder();
        InputStream in = socket.getInputStream();
        var buffer = new byte[4096];
        while (answer.length() < MAX_ANSWER && !answer.toString().contains(expect)) {
            socket.setSoTimeout(millisLeft(deadline));
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return answer.toString();
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        var left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** {@code \n}, {@code \r} and {@code \t} written in a check's send/expect text, as check_tcp's -E reads them. */
    static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    private static double elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    private static String firstLine(String text) {
        var line = text.strip().lines().findFirst().orElse("(nothing)");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String reason(Exception e) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // "Connection refused" reads the same as check_tcp's; drop Java's detail in parentheses.
        var paren = message.indexOf(" (");
        return paren > 0 ? message.substring(0, paren) : message;
    }
}
