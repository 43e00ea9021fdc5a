package io.opsline.servicedesk.internal.fromalerts;

/** Where a rule goes: one place {@code up} or {@code down} ({@code direction}), or to {@code position} (1 first). */
public record RuleMove(String direction, Integer position) {
}
