package io.opsline.inventory.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.inventory.CiClass;
import io.opsline.platform.NotFoundException;

/**
 * Answers "if this fails, what else is hit?" and "what does this need?". The database finds
 * every reachable relationship in one recursive query; a breadth-first walk here then gives each
 * CI its shortest distance and the path it was reached by. Cycles are harmless in both steps.
 */
@Service
public class ImpactAnalysis {

    private final RelationshipRepository relationships;

    ImpactAnalysis(RelationshipRepository relationships) {
        this.relationships = relationships;
    }

    /**
     * @param maxDepth nodes further than this many steps are left out; 0 or less means no limit
     * @param withEdges whether to return every edge of the subgraph, not only each node's first path
     */
    @Transactional(readOnly = true)
    public ImpactResult analyse(UUID rootId, ImpactResult.Direction direction, int maxDepth, boolean withEdges) {
        var root = relationships.refs(List.of(rootId)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Configuration item", rootId));
        var edges = relationships.reachableEdges(rootId, direction == ImpactResult.Direction.IMPACTED);
        var outgoing = edges.stream().collect(Collectors.groupingBy(RelationshipRepository.ImpactEdge::from));

        var reached = new HashMap<UUID, Visit>();
        reached.put(rootId, new Visit(0, null, null));
        var queue = new ArrayDeque<UUID>();
        queue.add(rootId);
        while (!queue.isEmpty()) {
            var current = queue.poll();
            var depth = reached.get(current).depth() + 1;
            if (maxDepth > 0 && depth > maxDepth) {
                continue;
            }
            for (var edge : outgoing.getOrDefault(current, List.of())) {
                if (!reached.containsKey(edge.to())) {
                    reached.put(edge.to(), new Visit(depth, current, edge));
                    queue.add(edge.to());
                }
            }
        }
        reached.remove(rootId);

        Map<UUID, CiRef> refs = relationships.refs(reached.keySet()).stream()
                .collect(Collectors.toMap(CiRef::id, Function.identity()));
        var nodes = new ArrayList<ImpactResult.ImpactNode>(reached.size());
        reached.forEach((id, visit) -> {
            var ref = refs.get(id);
            if (ref != null) {
                nodes.add(new ImpactResult.ImpactNode(ref, visit.depth(), visit.via(),
                        visit.edge() == null ? null : visit.edge().type()));
            }
        });
        nodes.sort(Comparator.comparingInt(ImpactResult.ImpactNode::depth)
                .thenComparing(n -> n.ci().name().toLowerCase()));
        var businessServices = nodes.stream().map(ImpactResult.ImpactNode::ci)
                .filter(ci -> ci.ciClass() == CiClass.BUSINESS_SERVICE).toList();
        var resultEdges = withEdges
                ? edges.stream().filter(e -> (e.to().equals(rootId) || reached.containsKey(e.to()))
                        && (e.from().equals(rootId) || reached.containsKey(e.from())))
                        .map(e -> new ImpactResult.Edge(e.from(), e.to(), e.type())).toList()
                : List.<ImpactResult.Edge>of();
        return new ImpactResult(root, direction, nodes, resultEdges, businessServices);
    }

    private record Visit(int depth, UUID via, RelationshipRepository.ImpactEdge edge) {
    }
}
