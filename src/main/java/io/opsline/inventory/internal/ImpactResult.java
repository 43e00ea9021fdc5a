package io.opsline.inventory.internal;

import java.util.List;
import java.util.UUID;

import io.opsline.inventory.RelationshipType;

/**
 * What a CI's failure reaches ({@code impacted}) or what it needs to work ({@code dependencies}).
 * Each node carries its shortest distance from the root and the CI it was first reached through,
 * which together form a tree a picture can draw.
 */
public record ImpactResult(CiRef root, Direction direction, List<ImpactNode> nodes, List<Edge> edges,
        List<CiRef> businessServices) {

    /** Which way to walk. */
    public enum Direction {
        /** Everything this CI's failure affects, business services included. */
        IMPACTED,
        /** Everything this CI needs in order to work. */
        DEPENDENCIES;

        public String key() {
            return name().toLowerCase();
        }
    }

    /** One reached CI: {@code via} is the CI it was reached through, one step closer to the root. */
    public record ImpactNode(CiRef ci, int depth, UUID via, RelationshipType viaType) {
    }

    /** A step from {@code from} to {@code to}, along which failure travels in this direction's sense. */
    public record Edge(UUID from, UUID to, RelationshipType type) {
    }
}
