package io.opsline.servicedesk.internal.request;

import java.util.UUID;

/** A fulfilment task every request of a type gets; with no team, the type's fulfilment team does it. */
public record TaskTemplate(String title, UUID teamId) {
}
