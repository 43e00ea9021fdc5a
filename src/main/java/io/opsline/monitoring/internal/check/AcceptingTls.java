package io.opsline.monitoring.internal.check;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS context that accepts any server certificate, for checks told not to verify TLS and for
 * the certificate check, which judges the certificate itself after the handshake. JSSE checks
 * the host name inside the trust manager, so this skips that too, for clients built on it only.
 */
final class AcceptingTls {

    private static final SSLContext CONTEXT = build();

    private AcceptingTls() {
    }

    static SSLContext context() {
        return CONTEXT;
    }

    private static SSLContext build() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new X509ExtendedTrustManager[] {new X509ExtendedTrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
