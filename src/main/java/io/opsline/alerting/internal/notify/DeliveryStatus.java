package io.opsline.alerting.internal.notify;

/** Where a delivery stands: waiting (perhaps for a retry), being sent by a node, sent, or given up on. */
public enum DeliveryStatus {
    PENDING, SENDING, SENT, FAILED
}
