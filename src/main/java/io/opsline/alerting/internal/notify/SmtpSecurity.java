package io.opsline.alerting.internal.notify;

/** How an SMTP connection is protected. */
public enum SmtpSecurity {
    /** Plain SMTP, usually port 25; for a relay on a trusted network only. */
    NONE(25),
    /** Plain connection upgraded with STARTTLS, which must succeed; usually port 587. */
    STARTTLS(587),
    /** TLS from the first byte (SMTPS), usually port 465. */
    TLS(465);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    int defaultPort() {
        return defaultPort;
    }
}
