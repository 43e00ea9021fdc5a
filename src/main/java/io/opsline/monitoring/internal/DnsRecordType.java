package io.opsline.monitoring.internal;

import io.opsline.platform.Choice;

public enum DnsRecordType implements Choice {
    A, AAAA, CNAME, MX, NS, PTR, SOA, SRV, TXT, CAA
}
