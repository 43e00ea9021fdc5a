package io.opsline.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.RelationshipType;
import io.opsline.inventory.internal.CiRef;
import io.opsline.inventory.internal.ImpactResult;
import io.opsline.inventory.internal.ImpactResult.Direction;
import io.opsline.inventory.internal.ImpactResult.ImpactNode;

class ImpactPictureTest {

    private final CiRef root = ci(CiClass.VIRTUAL_MACHINE, "vm1");

    @Test
    void drawsWhatTheCiNeedsToItsLeftAndWhatItAffectsToItsRight() {
        var server = ci(CiClass.SERVER, "host1");
        var app = ci(CiClass.APPLICATION, "shop-app");
        var service = ci(CiClass.BUSINESS_SERVICE, "shop");

        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES, node(server, 1, root)),
                result(Direction.IMPACTED, node(app, 1, root), node(service, 2, app)));

        var rootBox = box(picture, "vm1");
        assertThat(rootBox.kind()).isEqualTo("root");
        assertThat(box(picture, "host1").x()).isLessThan(rootBox.x());
        assertThat(box(picture, "shop-app").x()).isGreaterThan(rootBox.x());
        assertThat(box(picture, "shop").x()).isGreaterThan(box(picture, "shop-app").x());
        assertThat(box(picture, "shop").kind()).isEqualTo("service");
        assertThat(box(picture, "shop-app").href()).isEqualTo("/cis/" + app.id());
        assertThat(picture.lines()).hasSize(3);
        assertThat(picture.labels()).extracting(ImpactPicture.Label::text)
                .containsExactlyInAnyOrder("This CI", "Needs · step 1", "Affects · step 1", "Affects · step 2");
        assertThat(picture.boxes()).allSatisfy(b -> assertThat(b.x() + b.width()).isLessThanOrEqualTo(picture.width()));
    }

    @Test
    void drawsOnlyTheRootWhenNothingIsRelated() {
        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES), result(Direction.IMPACTED));

        assertThat(picture.boxes()).singleElement().satisfies(b -> assertThat(b.title()).isEqualTo("vm1"));
        assertThat(picture.lines()).isEmpty();
    }

    @Test
    void putsBusinessServicesFirstThenTheMostCriticalInEachColumn() {
        var low = ci(CiClass.APPLICATION, "a-low", Criticality.LOW);
        var high = ci(CiClass.APPLICATION, "z-high", Criticality.HIGH);
        var service = ci(CiClass.BUSINESS_SERVICE, "zz-service", Criticality.LOW);

        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES),
                result(Direction.IMPACTED, node(low, 1, root), node(high, 1, root), node(service, 1, root)));

        var column = picture.boxes().stream().filter(b -> !b.kind().equals("root"))
                .sorted((a, b) -> Integer.compare(a.y(), b.y())).map(ImpactPicture.Box::title).toList();
        assertThat(column).containsExactly("zz-service", "z-high", "a-low");
    }

    @Test
    void foldsWhatDoesNotFitInAColumnIntoAMoreBox() {
        var nodes = new ArrayList<ImpactNode>();
        for (int i = 0; i < 12; i++) {
            nodes.add(node(ci(CiClass.APPLICATION, "app" + (10 + i)), 1, root));
        }

        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES),
                result(Direction.IMPACTED, nodes.toArray(ImpactNode[]::new)));

        var column = picture.boxes().stream().filter(b -> !b.kind().equals("root")).toList();
        assertThat(column).hasSize(ImpactPicture.MAX_PER_COLUMN);
        var more = column.stream().filter(b -> b.kind().equals("more")).toList();
        assertThat(more).singleElement().satisfies(b -> {
            assertThat(b.title()).isEqualTo("+%d more".formatted(12 - (ImpactPicture.MAX_PER_COLUMN - 1)));
            assertThat(b.href()).isNull();
        });
        assertThat(more.getFirst().y()).isGreaterThan(column.stream().filter(b -> !b.kind().equals("more"))
                .mapToInt(ImpactPicture.Box::y).max().orElseThrow());
    }

    @Test
    void showsAFullColumnWithoutAMoreBox() {
        var nodes = new ArrayList<ImpactNode>();
        for (int i = 0; i < ImpactPicture.MAX_PER_COLUMN; i++) {
            nodes.add(node(ci(CiClass.APPLICATION, "app" + i), 1, root));
        }

        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES),
                result(Direction.IMPACTED, nodes.toArray(ImpactNode[]::new)));

        assertThat(picture.boxes()).noneMatch(b -> b.kind().equals("more"));
        assertThat(picture.boxes()).hasSize(ImpactPicture.MAX_PER_COLUMN + 1);
    }

    @Test
    void drawsNoBoxesBeyondTheMaximumDepthButCountsThemInTheLastColumn() {
        var chain = new ArrayList<ImpactNode>();
        var previous = root;
        for (int depth = 1; depth <= ImpactPicture.MAX_DEPTH + 2; depth++) {
            var next = ci(CiClass.APPLICATION, "step" + depth);
            chain.add(node(next, depth, previous));
            previous = next;
        }

        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES),
                result(Direction.IMPACTED, chain.toArray(ImpactNode[]::new)));

        var titles = picture.boxes().stream().map(ImpactPicture.Box::title).toList();
        assertThat(titles).contains("step1", "step" + ImpactPicture.MAX_DEPTH)
                .doesNotContain("step" + (ImpactPicture.MAX_DEPTH + 1), "step" + (ImpactPicture.MAX_DEPTH + 2))
                .contains("+2 more (and further)");
        var columns = picture.boxes().stream().map(ImpactPicture.Box::x).distinct().count();
        assertThat(columns).isEqualTo(ImpactPicture.MAX_DEPTH + 1);
        assertInside(picture);
    }

    @Test
    void neverStacksMoreThanAColumnsWorthOfBoxesEvenWithDeeperCisFolded() {
        var nodes = new ArrayList<ImpactNode>();
        var hub = ci(CiClass.APPLICATION, "hub");
        nodes.add(node(hub, 1, root));
        var middle = ci(CiClass.APPLICATION, "middle");
        nodes.add(node(middle, 2, hub));
        for (int i = 0; i < ImpactPicture.MAX_PER_COLUMN; i++) {
            nodes.add(node(ci(CiClass.APPLICATION, "leaf" + i), ImpactPicture.MAX_DEPTH, middle));
        }
        nodes.add(node(ci(CiClass.APPLICATION, "deeper"), ImpactPicture.MAX_DEPTH + 1, nodes.getLast().ci()));

        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES),
                result(Direction.IMPACTED, nodes.toArray(ImpactNode[]::new)));

        var perColumn = picture.boxes().stream().collect(Collectors.groupingBy(ImpactPicture.Box::x,
                Collectors.counting()));
        assertThat(perColumn.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(ImpactPicture.MAX_PER_COLUMN));
        assertThat(picture.boxes()).anySatisfy(b -> assertThat(b.title()).isEqualTo("+2 more (and further)"));
        assertInside(picture);
    }

    @Test
    void staysAsSmallAsAFullColumnHowEverManyCisAreAffected() {
        var full = new ArrayList<ImpactNode>();
        var many = new ArrayList<ImpactNode>();
        for (int i = 0; i < 1000; i++) {
            var node = node(ci(CiClass.APPLICATION, "app" + i), 1, root);
            if (i < ImpactPicture.MAX_PER_COLUMN) {
                full.add(node);
            }
            many.add(node);
        }

        var fullPicture = ImpactPicture.of(root, result(Direction.DEPENDENCIES),
                result(Direction.IMPACTED, full.toArray(ImpactNode[]::new)));
        var manyPicture = ImpactPicture.of(root, result(Direction.DEPENDENCIES, many.toArray(ImpactNode[]::new)),
                result(Direction.IMPACTED, many.toArray(ImpactNode[]::new)));

        assertThat(manyPicture.height()).isEqualTo(fullPicture.height());
        assertThat(manyPicture.boxes()).hasSize(2 * ImpactPicture.MAX_PER_COLUMN + 1);
        assertInside(manyPicture);
    }

    @Test
    void shortensLongNamesButKeepsThemWholeInTheTooltip() {
        var longName = ci(CiClass.APPLICATION, "a-very-long-application-name-indeed");

        var picture = ImpactPicture.of(root, result(Direction.DEPENDENCIES),
                result(Direction.IMPACTED, node(longName, 1, root)));

        var box = picture.boxes().stream().filter(b -> longName.name().equals(b.tooltip())).findFirst().orElseThrow();
        assertThat(box.title()).hasSize(24).endsWith("…");
        assertThat(box.subtitle()).isEqualTo("Application · Active");
    }

    private static void assertInside(ImpactPicture picture) {
        assertThat(picture.boxes()).allSatisfy(b -> {
            assertThat(b.x()).isNotNegative();
            assertThat(b.x() + b.width()).isLessThanOrEqualTo(picture.width());
            assertThat(b.y()).isGreaterThan(picture.labels().stream().mapToInt(ImpactPicture.Label::y).max()
                    .orElse(0));
            assertThat(b.y() + b.height()).isLessThanOrEqualTo(picture.height());
        });
    }

    private ImpactResult result(Direction direction, ImpactNode... nodes) {
        var list = List.of(nodes);
        return new ImpactResult(root, direction, list, List.of(),
                list.stream().map(ImpactNode::ci).filter(c -> c.ciClass() == CiClass.BUSINESS_SERVICE).toList());
    }

    private static ImpactNode node(CiRef ci, int depth, CiRef via) {
        return new ImpactNode(ci, depth, via.id(), RelationshipType.DEPENDS_ON);
    }

    private static ImpactPicture.Box box(ImpactPicture picture, String title) {
        return picture.boxes().stream().filter(b -> b.title().equals(title)).findFirst().orElseThrow();
    }

    private static CiRef ci(CiClass ciClass, String name) {
        return ci(ciClass, name, Criticality.MEDIUM);
    }

    private static CiRef ci(CiClass ciClass, String name, Criticality criticality) {
        return new CiRef(UUID.randomUUID(), ciClass, name, CiStatus.ACTIVE, criticality);
    }
}
