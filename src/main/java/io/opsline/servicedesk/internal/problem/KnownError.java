package io.opsline.servicedesk.internal.problem;

import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.internal.IncidentView.Named;

/** A known error as an incident shows it: its workaround, and which of the incident's CIs it touches. */
public record KnownError(UUID id, String reference, String title, String workaround, List<Named> matchingCis) {
}
