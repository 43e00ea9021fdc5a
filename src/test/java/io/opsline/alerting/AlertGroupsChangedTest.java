package io.opsline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class AlertGroupsChangedTest {

    @Test
    void aLargeBatchIsAnnouncedInPiecesThatNameEveryGroupOnceInItsRole() {
        var opened = Stream.generate(UUID::randomUUID).limit(240).toList();
        var changed = Stream.generate(UUID::randomUUID).limit(150).toList();

        var events = AlertGroupsChanged.of(opened, changed);

        assertThat(events).hasSize(4).allSatisfy(event -> assertThat(event.opened().size() + event.changed().size())
                .isLessThanOrEqualTo(AlertGroupsChanged.MAX_GROUPS));
        var allOpened = new HashSet<UUID>();
        var allChanged = new HashSet<UUID>();
        events.forEach(event -> {
            allOpened.addAll(event.opened());
            allChanged.addAll(event.changed());
        });
        assertThat(allOpened).containsExactlyInAnyOrderElementsOf(opened);
        assertThat(allChanged).containsExactlyInAnyOrderElementsOf(changed);
    }

    @Test
    void nothingChangedIsNoEvent() {
        assertThat(AlertGroupsChanged.of(List.of(), List.of())).isEmpty();
    }
}
