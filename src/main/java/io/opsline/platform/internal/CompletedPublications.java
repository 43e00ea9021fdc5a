package io.opsline.platform.internal;

import java.time.Duration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.stereotype.Component;

/**
 * Deletes the event publications that completed before each was deleted as it completed (see
 * {@code spring.modulith.events.completion-mode}). They are left from earlier versions, which kept
 * every one: a row per listener for every batch the intake took. Once they are gone this finds none.
 */
@Component
class CompletedPublications implements ApplicationRunner {

    private final CompletedEventPublications completed;

    CompletedPublications(CompletedEventPublications completed) {
        this.completed = completed;
    }

    @Override
    public void run(ApplicationArguments args) {
        completed.deletePublicationsOlderThan(Duration.ZERO);
    }
}
