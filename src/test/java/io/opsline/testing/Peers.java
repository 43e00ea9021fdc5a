package io.opsline.testing;

import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;

/**
 * Real peer programs the tests talk to (monitoring-plugins, snmpd, sshd, …). A test whose peer is
 * missing is skipped on a developer's machine, with how to install it, and fails under CI
 * ({@code CI=true}), so a CI run can never pass by not running it.
 */
public final class Peers {

    private Peers() {
    }

    public static void assumePresent(boolean present, String peer, String debianPackage) {
        assumePresent(present, peer, debianPackage, System::getenv);
    }

    static void assumePresent(boolean present, String peer, String debianPackage,
            Function<String, String> environment) {
        if (present) {
            return;
        }
        var reason = peer + " is not installed; on Debian: apt-get install " + debianPackage;
        if ("true".equalsIgnoreCase(environment.apply("CI"))) {
            throw new IllegalStateException(reason + ". CI=true requires this test to run (.ci/run installs it)");
        }
        Assumptions.abort("Skipped: " + reason);
    }
}
