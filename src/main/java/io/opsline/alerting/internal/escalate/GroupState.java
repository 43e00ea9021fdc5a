package io.opsline.alerting.internal.escalate;

import java.util.UUID;

import io.opsline.alerting.Severity;

/** What an escalation step needs to know about its group right now. */
record GroupState(boolean open, String title, Severity severity, UUID rootAlertId, int firing, int acknowledged) {
}
