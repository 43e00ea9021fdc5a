package io.opsline.alerting.internal;

import java.util.List;

/** What a person gives to create an integration. {@code kind} is one of {@link IntegrationKind}, any case. */
public record IntegrationInput(String name, String kind, List<String> fingerprintFields) {
}
