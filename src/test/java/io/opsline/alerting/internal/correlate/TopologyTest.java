package io.opsline.alerting.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TopologyTest {

    private final UUID app = UUID.randomUUID();
    private final UUID vm = UUID.randomUUID();
    private final UUID vm2 = UUID.randomUUID();
    private final UUID host = UUID.randomUUID();
    private final UUID access = UUID.randomUUID();
    private final UUID core = UUID.randomUUID();

    @Test
    void followsAChainUpToTheDepthOnly() {
        // app runs on vm runs on host connected to access switch connected to core switch; transitive, as the inventory answers.
        var parents = Map.of(app, Set.of(vm, host, access, core), vm, Set.of(host, access, core), host,
                Set.of(access, core), access, Set.of(core), core, Set.<UUID>of());

        assertThat(Topology.within(app, 3, parents::get)).containsExactlyInAnyOrder(vm, host, access);
        assertThat(Topology.within(app, 1, parents::get)).containsExactly(vm);
        assertThat(Topology.within(core, 3, parents::get)).isEmpty();
    }

    @Test
    void anAncestorReachedOverTwoPathsCountsItsLongerChain() {
        // app runs on vm and vm2, both on host.
        var parents = Map.of(app, Set.of(vm, vm2, host), vm, Set.of(host), vm2, Set.of(host), host, Set.<UUID>of());

        assertThat(Topology.within(app, 2, parents::get)).containsExactlyInAnyOrder(vm, vm2, host);
        assertThat(Topology.within(app, 1, parents::get)).containsExactlyInAnyOrder(vm, vm2);
    }

    @Test
    void aCycleAmongAncestorsEnds() {
        var parents = Map.of(app, Set.of(vm, host), vm, Set.of(host, vm), host, Set.of(vm, host));

        assertThat(Topology.within(app, 3, parents::get)).containsExactlyInAnyOrder(vm, host);
    }
}
