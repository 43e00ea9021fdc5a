package io.opsline.identity;

import static io.opsline.identity.Role.ADMIN;
import static io.opsline.identity.Role.OPERATOR;
import static io.opsline.identity.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void eachRoleIncludesItselfAndEveryRoleBelowIt() {
        assertThat(ADMIN.includes(ADMIN)).isTrue();
        assertThat(ADMIN.includes(OPERATOR)).isTrue();
        assertThat(ADMIN.includes(VIEWER)).isTrue();
        assertThat(OPERATOR.includes(OPERATOR)).isTrue();
        assertThat(OPERATOR.includes(VIEWER)).isTrue();
        assertThat(VIEWER.includes(VIEWER)).isTrue();
    }

    @Test
    void noRoleIncludesARoleAboveIt() {
        assertThat(OPERATOR.includes(ADMIN)).isFalse();
        assertThat(VIEWER.includes(OPERATOR)).isFalse();
        assertThat(VIEWER.includes(ADMIN)).isFalse();
    }

    @Test
    void atMostNarrowsToTheCeilingButNeverWidens() {
        assertThat(ADMIN.atMost(OPERATOR)).isEqualTo(OPERATOR);
        assertThat(ADMIN.atMost(VIEWER)).isEqualTo(VIEWER);
        assertThat(OPERATOR.atMost(VIEWER)).isEqualTo(VIEWER);
        assertThat(VIEWER.atMost(ADMIN)).isEqualTo(VIEWER);
        assertThat(OPERATOR.atMost(ADMIN)).isEqualTo(OPERATOR);
        assertThat(OPERATOR.atMost(OPERATOR)).isEqualTo(OPERATOR);
    }

    @Test
    void parsesWireNamesIgnoringCaseAndSurroundingSpace() {
        assertThat(Role.parse("admin")).contains(ADMIN);
        assertThat(Role.parse("OPERATOR")).contains(OPERATOR);
        assertThat(Role.parse(" Viewer ")).contains(VIEWER);
    }

    @Test
    void parsesNothingFromUnknownBlankOrMissingText() {
        assertThat(Role.parse("root")).isEmpty();
        assertThat(Role.parse("")).isEmpty();
        assertThat(Role.parse("   ")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
        assertThat(Role.parse("ROLE_ADMIN")).isEmpty();
    }

    @Test
    void mapsToAndFromSpringSecurityAuthorities() {
        for (var role : Role.values()) {
            assertThat(role.authority()).isEqualTo("ROLE_" + role.name());
            assertThat(Role.fromAuthority(role.authority())).contains(role);
            assertThat(role.key()).isEqualTo(role.name().toLowerCase());
        }
        assertThat(Role.fromAuthority("ADMIN")).isEmpty();
        assertThat(Role.fromAuthority("ROLE_ROOT")).isEmpty();
        assertThat(Role.fromAuthority(null)).isEmpty();
    }
}
