package io.opsline.monitoring.internal;

import io.opsline.platform.Choice;

public enum SnmpVersion implements Choice {
    V2C, V3
}
