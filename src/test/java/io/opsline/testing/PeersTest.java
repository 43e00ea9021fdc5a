package io.opsline.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PeersTest {

    @Test
    void aMissingPeerSkipsOnADevelopersMachineWithHowToInstallIt() {
        assertThatThrownBy(() -> Peers.assumePresent(false, "snmpd", "snmpd", Map.<String, String>of()::get))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("apt-get install snmpd");
    }

    @Test
    void aMissingPeerFailsUnderCi() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Peers.assumePresent(false, "snmpd", "snmpd", Map.of("CI", "true")::get))
                .withMessageContaining("CI=true requires this test to run");
    }

    @Test
    void aPresentPeerLetsTheTestRun() {
        assertThatCode(() -> Peers.assumePresent(true, "snmpd", "snmpd", Map.of("CI", "true")::get))
                .doesNotThrowAnyException();
    }
}
