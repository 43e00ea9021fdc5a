package io.opsline.inventory.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.internal.CiRef;
import io.opsline.inventory.internal.ImpactResult;

/**
 * Lays out a CI's neighbourhood as a picture: what it needs in columns to its left (nearest
 * first), what its failure affects to its right, business services highlighted. Each column
 * shows its most important CIs and folds the rest into a "+N more" box, so the picture stays
 * readable for a CI with ten thousand dependants.
 */
record ImpactPicture(int width, int height, List<Box> boxes, List<Line> lines, List<Label> labels) {

    static final int MAX_DEPTH = 3;
    static final int MAX_PER_COLUMN = 8;
    private static final int BOX_WIDTH = 180;
    private static final int BOX_HEIGHT = 40;
    private static final int COLUMN_GAP = 60;
    private static final int ROW_GAP = 14;
    private static final int TOP = 30;
    private static final int MARGIN = 16;

    /** A CI (or a "+N more" box) at a position; {@code href} is null for the "more" boxes. */
    record Box(int x, int y, int width, int height, String title, String subtitle, String tooltip, String kind,
            String href) {
    }

    record Line(int x1, int y1, int x2, int y2) {
    }

    record Label(int x, int y, String text) {
    }

    static ImpactPicture of(CiRef root, ImpactResult dependencies, ImpactResult impacted) {
        var left = columns(dependencies);
        var right = columns(impacted);
        int columns = left.size() + 1 + right.size();
        int rows = 1;
        for (var column : left.entrySet()) {
            rows = Math.max(rows, boxCount(column.getValue(), deeper(dependencies, column.getKey())));
        }
        for (var column : right.entrySet()) {
            rows = Math.max(rows, boxCount(column.getValue(), deeper(impacted, column.getKey())));
        }
        int width = MARGIN * 2 + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP;
        int height = TOP + rows * (BOX_HEIGHT + ROW_GAP) + MARGIN;
        var boxes = new ArrayList<Box>();
        var lines = new ArrayList<Line>();
        var labels = new ArrayList<Label>();
        var centres = new HashMap<UUID, int[]>();

        int rootColumn = left.size();
        var rootBox = box(root, columnX(rootColumn), rowY(0, 1, rows), "root");
        boxes.add(rootBox);
        centres.put(root.id(), new int[] {rootBox.x(), rootBox.y()});
        labels.add(new Label(columnX(rootColumn), TOP - 12, "This CI"));

        place(left, dependencies, true, rootColumn, rows, boxes, lines, labels, centres);
        place(right, impacted, false, rootColumn, rows, boxes, lines, labels, centres);
        return new ImpactPicture(width, height, boxes, lines, labels);
    }

    /** Nodes per depth (1..MAX_DEPTH), business services and critical CIs first; null marks "+N more". */
    private static Map<Integer, List<ImpactResult.ImpactNode>> columns(ImpactResult result) {
        var byDepth = new LinkedHashMap<Integer, List<ImpactResult.ImpactNode>>();
        for (var node : result.nodes()) {
            if (node.depth() <= MAX_DEPTH) {
                byDepth.computeIfAbsent(node.depth(), d -> new ArrayList<>()).add(node);
            }
        }
        byDepth.values().forEach(list -> list.sort(Comparator
                .comparing((ImpactResult.ImpactNode n) -> n.ci().ciClass() != CiClass.BUSINESS_SERVICE)
                .thenComparing(n -> n.ci().criticality().ordinal())
                .thenComparing(n -> n.ci().name().toLowerCase())));
        return byDepth;
    }

    /** How many CIs beyond the last column are folded into the column at {@code depth}. */
    private static int deeper(ImpactResult result, int depth) {
        return depth != MAX_DEPTH ? 0 : (int) result.nodes().stream().filter(n -> n.depth() > MAX_DEPTH).count();
    }

    /** Boxes a column takes: its CIs plus a "+N more" box, never more than {@link #MAX_PER_COLUMN}. */
    private static int boxCount(List<ImpactResult.ImpactNode> nodes, int deeper) {
        return Math.min(nodes.size() + (deeper > 0 ? 1 : 0), MAX_PER_COLUMN);
    }

    private static void place(Map<Integer, List<ImpactResult.ImpactNode>> columns, ImpactResult result, boolean leftSide,
            int rootColumn, int rows, List<Box> boxes, List<Line> lines, List<Label> labels,
            Map<UUID, int[]> centres) {
        var hiddenPerDepth = new HashMap<Integer, Integer>();
        for (var node : result.nodes()) {
            if (node.depth() > MAX_DEPTH) {
                hiddenPerDepth.merge(MAX_DEPTH, 1, Integer::sum);
            }
        }
        for (var entry : columns.entrySet()) {
            int depth = entry.getKey();
            int column = leftSide ? rootColumn - depth : rootColumn + depth;
            var nodes = entry.getValue();
            int deeper = hiddenPerDepth.getOrDefault(depth, 0);
            var shown = nodes.size() + (deeper > 0 ? 1 : 0) > MAX_PER_COLUMN ? nodes.subList(0, MAX_PER_COLUMN - 1)
                    : nodes;
            int hidden = nodes.size() - shown.size() + deeper;
            int count = shown.size() + (hidden > 0 ? 1 : 0);
            labels.add(new Label(columnX(column), TOP - 12, (leftSide ? "Needs" : "Affects") + " · step " + depth));
            for (int i = 0; i < shown.size(); i++) {
                var node = shown.get(i);
                var kind = node.ci().ciClass() == CiClass.BUSINESS_SERVICE ? "service" : "ci";
                var box = box(node.ci(), columnX(column), rowY(i, count, rows), kind);
                boxes.add(box);
                centres.put(node.ci().id(), new int[] {box.x(), box.y()});
            }
            if (hidden > 0) {
                var more = depth == MAX_DEPTH && hiddenPerDepth.containsKey(depth) ? "+%d more (and further)" : "+%d more";
                boxes.add(new Box(columnX(column), rowY(shown.size(), count, rows), BOX_WIDTH, BOX_HEIGHT,
                        more.formatted(hidden), "see the full list", null, "more", null));
            }
        }
        for (var node : result.nodes()) {
            var to = centres.get(node.ci().id());
            var from = node.via() == null ? null : centres.get(node.via());
            if (to == null || from == null) {
                continue;
            }
            // Lines join the facing sides of the two boxes.
            int fromX = leftSide ? from[0] : from[0] + BOX_WIDTH;
            int toX = leftSide ? to[0] + BOX_WIDTH : to[0];
            lines.add(new Line(fromX, from[1] + BOX_HEIGHT / 2, toX, to[1] + BOX_HEIGHT / 2));
        }
    }

    private static Box box(CiRef ci, int x, int y, String kind) {
        var title = ci.name().length() > 24 ? ci.name().substring(0, 23) + "…" : ci.name();
        return new Box(x, y, BOX_WIDTH, BOX_HEIGHT, title, ci.ciClass().label() + " · " + ci.status().label(),
                ci.name(), kind, "/cis/" + ci.id());
    }

    private static int columnX(int column) {
        return MARGIN + column * (BOX_WIDTH + COLUMN_GAP);
    }

    /** Centres a column of {@code count} boxes vertically within {@code rows} rows. */
    private static int rowY(int index, int count, int rows) {
        int offset = (rows - count) * (BOX_HEIGHT + ROW_GAP) / 2;
        return TOP + offset + index * (BOX_HEIGHT + ROW_GAP);
    }
}
