package io.opsline.monitoring.internal.check;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The HTTP clients checks send requests with, one per TLS and redirect setting, built when first
 * needed: each client holds a selector thread, so one per request would be wasteful and one
 * per check type needless.
 */
final class HttpClients {

    private record Setting(boolean verifyTls, boolean followRedirects) {
    }

    private final Map<Setting, HttpClient> clients = new ConcurrentHashMap<>();

    HttpClient get(boolean verifyTls, boolean followRedirects) {
        return clients.computeIfAbsent(new Setting(verifyTls, followRedirects), setting -> {
            var builder = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                    .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
            if (!verifyTls) {
                builder.sslContext(AcceptingTls.context());
            }
            return builder.build();
        });
    }
}
