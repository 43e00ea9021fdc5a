package io.opsline.platform;

/**
 * A link in the common layout's navigation. Modules declare their entries as beans; the
 * layout groups them by area and shows only those the signed-in user's authorities allow.
 *
 * @param area      the navigation group, e.g. "Inventory" or "Administration"
 * @param areaOrder where the area sits among areas (lower first)
 * @param authority the Spring Security authority needed to see the link, e.g. ROLE_VIEWER
 */
public record NavigationEntry(String area, int areaOrder, String label, String path, String authority) {
}
