package io.opsline.servicedesk.internal.sla;

/**
 * An SLA policy as clients send it. {@code priority} is P1–P4; {@code service} an optional CI id of
 * a business service, or else {@code customer} an optional customer's id or name; {@code calendar} a business calendar's id or name (24×7 when left out); the
 * targets ISO-8601 durations of working time ("PT30M", "PT8H", "P3D" = 72 working hours);
 * {@code warningPercent} 1–99, 75 when left out. {@code version} is required when changing one.
 */
public record PolicyInput(Long version, String name, String priority, String service, String calendar,
        String responseTarget, String resolutionTarget, Integer warningPercent, String customer) {
}
