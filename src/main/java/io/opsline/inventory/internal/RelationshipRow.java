package io.opsline.inventory.internal;

/**
 * One relationship from an import file. Each end names a CI by external id or by class and name,
 * either already stored or in the same file.
 */
record RelationshipRow(int row, End source, String type, End target) {

    /** A reference to a CI in a file. */
    record End(String externalId, String ciClass, String name) {

        boolean empty() {
            return blank(externalId) && (blank(ciClass) || blank(name));
        }

        String describe() {
            return !blank(externalId) ? "external id '%s'".formatted(externalId) : "%s '%s'".formatted(ciClass, name);
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }
}
