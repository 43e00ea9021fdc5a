package io.opsline.alerting.internal.notify;

import java.util.List;

/** A delivery with every try to send it, oldest first. */
public record DeliveryDetail(Delivery delivery, List<DeliveryAttempt> attempts) {
}
