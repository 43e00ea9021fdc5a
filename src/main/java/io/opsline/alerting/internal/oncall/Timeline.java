package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The final on-call timeline of a schedule, as PagerDuty draws it: an override wins over every
 * layer (among overlapping overrides the later-created wins, so a fix made at 3 a.m. simply lies
 * on top); otherwise the highest layer with someone on call wins. Turns of people who cannot be
 * reached (disabled or deleted users) count as nobody, so a lower layer fills in.
 */
final class Timeline {

    private Timeline() {
    }

    /**
     * @param layers    lowest first
     * @param reachable whether a user may be put on call
     */
    static List<Turn> merge(List<Layer> layers, List<ShiftOverride> overrides, ZoneId zone, Instant from, Instant to,
            Predicate<UUID> reachable) {
        if (!to.isAfter(from)) {
            return List.of();
        }
        var layerTurns = new ArrayList<List<Turn>>();
        var edges = new TreeSet<Instant>(List.of(from, to));
        for (var layer : layers) {
            var turns = layer.turns(zone, from, to).stream().filter(t -> reachable.test(t.userId())).toList();
            layerTurns.add(turns);
            turns.forEach(t -> addEdges(edges, t, from, to));
        }
        var overrideTurns = overrides.stream()
                .filter(o -> reachable.test(o.userId()) && o.to().isAfter(from) && o.from().isBefore(to))
                .sorted(Comparator.comparing(ShiftOverride::createdAt).thenComparing(ShiftOverride::id).reversed())
                .map(ShiftOverride::turn).toList();
        overrideTurns.forEach(t -> addEdges(edges, t, from, to));

        var cursors = new int[layerTurns.size()];
        var merged = new ArrayList<Turn>();
        Instant segmentStart = null;
        for (var edge : edges) {
            if (segmentStart != null) {
                var winner = winner(segmentStart, overrideTurns, layerTurns, cursors);
                if (winner != null) {
                    append(merged, new Turn(winner.userId(), segmentStart, edge, winner.origin()));
                }
            }
            segmentStart = edge;
        }
        return merged;
    }

    private static Turn winner(Instant at, List<Turn> overridesNewestFirst, List<List<Turn>> layerTurns,
            int[] cursors) {
        for (var override : overridesNewestFirst) {
            if (override.covers(at)) {
                return override;
            }
        }
        Turn found = null;
        // Every layer's cursor moves on, so the walk over all segments stays linear.
        for (int i = 0; i < layerTurns.size(); i++) {
            var turns = layerTurns.get(i);
            while (cursors[i] < turns.size() && !turns.get(cursors[i]).to().isAfter(at)) {
                cursors[i]++;
            }
            if (cursors[i] < turns.size() && turns.get(cursors[i]).covers(at)) {
                found = turns.get(cursors[i]);
            }
        }
        return found;
    }

    private static void append(List<Turn> merged, Turn turn) {
        if (!merged.isEmpty()) {
            var last = merged.getLast();
            if (last.to().equals(turn.from()) && last.userId().equals(turn.userId())
                    && last.origin().equals(turn.origin())) {
                merged.set(merged.size() - 1, new Turn(last.userId(), last.from(), turn.to(), last.origin()));
                return;
            }
        }
        merged.add(turn);
    }

    private static void addEdges(TreeSet<Instant> edges, Turn turn, Instant from, Instant to) {
        if (turn.from().isAfter(from)) {
            edges.add(turn.from());
        }
        if (turn.to().isBefore(to)) {
            edges.add(turn.to());
        }
    }
}
