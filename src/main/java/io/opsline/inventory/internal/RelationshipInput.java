package io.opsline.inventory.internal;

/** A request for a new relationship: "{@code source} {@code type} {@code target}", ends given by CI id. */
public record RelationshipInput(String source, String type, String target) {
}
