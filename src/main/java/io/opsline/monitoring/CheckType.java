package io.opsline.monitoring;

import io.opsline.platform.Choice;

/** How a check looks at its target; each has its own parameters. */
public enum CheckType implements Choice {
    PING, TCP, HTTP, TLS_CERTIFICATE, DNS, SNMP, SSH, PLUGIN, PROMETHEUS, PASSIVE;

    @Override
    public String label() {
        return switch (this) {
            case PING -> "Ping (ICMP)";
            case TCP -> "TCP connect";
            case HTTP -> "HTTP(S)";
            case TLS_CERTIFICATE -> "TLS certificate";
            case DNS -> "DNS lookup";
            case SNMP -> "SNMP get";
            case SSH -> "SSH command";
            case PLUGIN -> "Nagios plugin";
            case PROMETHEUS -> "Prometheus scrape";
            case PASSIVE -> "Passive (pushed results)";
        };
    }
}
