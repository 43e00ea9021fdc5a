package io.opsline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** Real HTTP servers on 127.0.0.1 for tests to be called by (webhook receivers and the like). */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /** Serves every path with {@code handler}, each request on a virtual thread of its own, on a free port. */
    public static HttpServer serve(HttpHandler handler) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }
}
