package io.opsline.metrics.internal.scrape;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of a target's access: certificates and keys read from PEM, and the context a client
 * uses to check the server and to show its own certificate.
 */
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

    /**
     * A private key in PEM, PKCS #8 as OpenSSL writes it today: RSA, EC or Ed25519.
     *
     * @throws IllegalArgumentException saying why, when it is none or another form
     */
    static PrivateKey privateKey(String pem) {
        if (pem.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("is encrypted: give it without a passphrase"
                    + " (openssl pkcs8 -topk8 -nocrypt -in key.pem)");
        }
        var begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        var end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(pem.contains("-----BEGIN RSA PRIVATE KEY-----")
                    || pem.contains("-----BEGIN EC PRIVATE KEY-----")
                    ? "is in the older RSA or EC form; give it as PKCS #8 (openssl pkcs8 -topk8 -nocrypt -in key.pem)"
                    : "holds no PEM private key (-----BEGIN PRIVATE KEY----- …)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64 between its BEGIN and END lines");
        }
        for (var algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm's key; the next may read it
            }
        }
        throw new IllegalArgumentException("is not an RSA, EC or Ed25519 private key that can be read");
    }

    /** Whether the key is the private half of the certificate's public key: it signs what the certificate verifies. */
    static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        var algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            var data = "opsline".getBytes(StandardCharsets.US_ASCII);
            var signing = Signature.getInstance(algorithm);
            signing.initSign(key);
            signing.update(data);
            var signature = signing.sign();
            var verifying = Signature.getInstance(algorithm);
            verifying.initVerify(certificate.getPublicKey());
            verifying.update(data);
            return verifying.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The context that checks server certificates as the settings say and shows their client certificate. */
    static SSLContext context(ScrapeClient.Settings settings) {
        try {
            var trust = settings.insecureSkipVerify() ? new TrustManager[] {new TrustingAnyone()}
                    : settings.caCertificate() == null ? null
                    : new TrustManager[] {trusting(certificates(settings.caCertificate()))};
            var keys = settings.clientCertificate() == null ? null
                    : showing(certificates(settings.clientCertificate()), privateKey(settings.clientKey()));
            var context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** Shows this certificate chain, proven with the key, to a server that asks for a client certificate. */
    private static KeyManager[] showing(List<X509Certificate> chain, PrivateKey key) throws GeneralSecurityException {
        var store = emptyStore();
        var password = new char[0];
        store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        var store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    /** Checks chains against these certificates only, and host names as https does. */
    private static TrustManager trusting(List<X509Certificate> certificates) throws GeneralSecurityException {
        var store = emptyStore();
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
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            // Only ever asked on the server side of a connection, which a scrape client never is.
            throw new CertificateException("a scrape client trusts no client certificate");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
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
