package io.opsline.inventory.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Facts for IT planning: what was bought, when, and when support runs out. All optional. */
public record Lifecycle(String vendor, String model, String serialNumber, LocalDate purchaseDate,
        BigDecimal purchaseCost, LocalDate warrantyEnd, LocalDate endOfLife) {

    public static final Lifecycle EMPTY = new Lifecycle(null, null, null, null, null, null, null);
}
