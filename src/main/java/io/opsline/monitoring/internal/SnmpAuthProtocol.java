package io.opsline.monitoring.internal;

import io.opsline.platform.Choice;

/** SNMPv3 authentication; NONE means noAuthNoPriv. */
public enum SnmpAuthProtocol implements Choice {
    NONE, MD5, SHA, SHA224, SHA256, SHA384, SHA512
}
