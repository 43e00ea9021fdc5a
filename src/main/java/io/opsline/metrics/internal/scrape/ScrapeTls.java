package io.opsline.metrics.internal.scrape;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS side of a target's access: its CA certificates read from PEM, and the context a client uses. */
final class ScrapeTls {

    private ScrapeTls() {
    }

    /**
     * The X.509 certificates in PEM text.
     *
     * @throws IllegalArgumentException saying why, when the text holds none or a broken one
     */
    static List<X509Certificate> certificates(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("holds no PEM certificate (-----BEGIN CERTIFICATE----- …)");
        }
        try {
            var found = new ArrayList<X509Certificate>();
            for (var certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                found.add((X509Certificate) certificate);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("holds no PEM certificate");
            }
            return found;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("is not a readable PEM certificate: " + e.getMessage());
        }
    }

    /** The context that checks server certificates against these, or not at all. */
    static SSLContext context(String caCertificate, boolean insecureSkipVerify) {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {insecureSkipVerify ? new TrustingAnyone()
                    : trusting(certificates(caCertificate))}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** Checks chains against these certificates only, and host names as https does. */
    private static TrustManager trusting(List<X509Certificate> certificates) throws GeneralSecurityException {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        for (var i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }

    /**
     * Accepts every certificate and every host name: the JDK's HTTP client checks the host name in its
     * trust manager, so one that checks nothing skips that too.
     */
    private static final class TrustingAnyone extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a scrape client does not take client connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
