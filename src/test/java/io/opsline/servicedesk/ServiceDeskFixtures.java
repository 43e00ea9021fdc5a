package io.opsline.servicedesk;

import java.util.List;
import java.util.UUID;

import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamInput;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.testing.TestAccounts;

/** Teams and people for service-desk tests, made through the services the UI uses. */
public record ServiceDeskFixtures(TeamManagement teams, TestAccounts accounts) {

    /** A new team with these members (usernames). */
    public UUID team(String name, String... members) {
        return TestAccounts.actingAs("admin", Role.ADMIN,
                () -> teams.create(new TeamInput(name, null, List.of(members), null))).id();
    }
}
