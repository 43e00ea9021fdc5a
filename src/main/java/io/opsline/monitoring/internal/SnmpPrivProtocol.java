package io.opsline.monitoring.internal;

import io.opsline.platform.Choice;

/** SNMPv3 privacy (encryption); NONE means authNoPriv. */
public enum SnmpPrivProtocol implements Choice {
    NONE, DES, AES128, AES192, AES256
}
