package io.opsline.monitoring.internal.check;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Self-signed server certificates made with the JDK's keytool, for TLS servers in tests. */
final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** A server context whose certificate is valid for {@code days} and names {@code san} (keytool's SAN syntax). */
    static SSLContext serverContext(Path dir, String name, int days, String san) throws Exception {
        var keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        var file = dir.resolve(name + ".p12");
        var process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=" + name + " test server", "-validity", String.valueOf(days), "-ext", "SAN=" + san,
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        var context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
