package io.opsline.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.alerting.AlertGroupsChanged;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * An event publication is deleted once its listener has finished, and those left completed by
 * earlier versions are deleted at start; one whose listener has not finished stays.
 */
@OpslineIntegrationTest
class CompletedPublicationsIT {

    private final UUID marker = UUID.randomUUID();

    @Autowired
    CompletedPublications startup;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void deleteRows() {
        jdbc.update("DELETE FROM event_publication WHERE serialized_event LIKE ?", "%" + marker + "%");
    }

    @Test
    void aPublicationIsDeletedOnceItsListenerHasFinished() {
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new AlertGroupsChanged(Set.of(), Set.of(marker)));
            assertThat(rows()).as("stored with the transaction that published it").isEqualTo(1);
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> rows() == 0);
    }

    @Test
    void completedPublicationsLeftFromBeforeGoAtStartAndUnfinishedOnesStay() {
        insert("COMPLETED", Jdbc.now().minusSeconds(3_600));
        insert("PROCESSING", null);

        startup.run(null);

        assertThat(jdbc.queryForList("SELECT status FROM event_publication WHERE serialized_event LIKE ?",
                String.class, "%" + marker + "%")).containsExactly("PROCESSING");
    }

    private void insert(String status, Instant completedAt) {
        jdbc.update("INSERT INTO event_publication (id, event_type, listener_id, publication_date, serialized_event,"
                + " status, completion_date, completion_attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 1)", UUID.randomUUID(),
                AlertGroupsChanged.class.getName(), "io.opsline.platform.internal.NoSuchListener.on(java.lang.Object)",
                Jdbc.timestamp(Jdbc.now().minusSeconds(7_200)), "{\"changed\":[\"" + marker + "\"],\"opened\":[]}",
                status, Jdbc.timestamp(completedAt));
    }

    private int rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?",
                Integer.class, "%" + marker + "%");
    }
}
