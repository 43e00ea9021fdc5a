package io.opsline.identity.internal;

import java.util.List;

/** What a client sends to create or change a team; {@code members} (usernames) is left alone when null. */
public record TeamInput(String name, String description, List<String> members, Long version) {
}
