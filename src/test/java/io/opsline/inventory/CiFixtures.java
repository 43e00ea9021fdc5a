package io.opsline.inventory;

import java.util.List;
import java.util.Map;

import io.opsline.identity.Role;
import io.opsline.inventory.internal.CiInput;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.RelationshipInput;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.testing.TestAccounts;

/** Puts CIs and relationships in place through the services, for tests whose subject is elsewhere. */
public final class CiFixtures {

    private final CiManagement cis;
    private final RelationshipManagement relationships;

    public CiFixtures(CiManagement cis, RelationshipManagement relationships) {
        this.cis = cis;
        this.relationships = relationships;
    }

    public CiView create(String ciClass, String name, String... tags) {
        return TestAccounts.actingAs("admin", Role.ADMIN, () -> cis.create(new CiInput(null, ciClass, name, null, null,
                null, null, null, null, List.of(tags), List.of(), Map.of(), null, null)));
    }

    /** Records "{@code source} {@code type} {@code target}", e.g. app runs_on vm. */
    public void relate(CiView source, String type, CiView target) {
        TestAccounts.actingAs("admin", Role.ADMIN, () -> relationships.create(
                new RelationshipInput(source.id().toString(), type, target.id().toString())));
    }
}
