package io.opsline.alerting.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opsline.alerting.CiHint;
import io.opsline.platform.HostAddresses;

class HostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1", "2001:DB8:0:0:0:0:0:1",
            "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:192.0.2.1", "fe80::1%eth0",
            "1::", "1:2:3:4:5:6:7::"})
    void recognisesIpLiterals(String text) {
        assertThat(HostAddresses.isIpLiteral(text)).isTrue();
        assertThat(HostAddresses.isHostName(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "10.0.0", "10.0.0.1.2", "010.0.0.1", "1.2.3.-4", ":::", "1:2:3:4:5:6:7:8:9",
            "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7", "::1.2.3", "fe80::1%", "fe80::1%eth 0", "[::1]", "", "example.org"})
    void refusesWhatOnlyLooksLikeAnIpLiteral(String text) {
        assertThat(HostAddresses.isIpLiteral(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web01", "web01.example.org", "web01.example.org.", "my_host.lan", "xn--bcher-kva.example",
            "a-b"})
    void recognisesHostNames(String text) {
        assertThat(HostAddresses.isHostName(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-web", "web-", "web 01", "web..example", "999.1.1.1", "10.0.0.1", "host/path", "a:b"})
    void refusesWhatIsNoHostName(String text) {
        assertThat(HostAddresses.isHostName(text)).isFalse();
    }

    @Test
    void refusesOverlongHostNames() {
        assertThat(HostAddresses.isHostName("a".repeat(64))).isFalse();
        assertThat(HostAddresses.isHostName(("a".repeat(63) + ".").repeat(4) + "a")).isFalse();
    }

    @Test
    void aHintCarriesAnIpAsAddressAndANameAsHostName() {
        var id = UUID.randomUUID();

        assertThat(Hosts.hint(id, "Web01:8080")).isEqualTo(new CiHint(id, "web01", null));
        assertThat(Hosts.hint(null, "[2001:db8::5]:443")).isEqualTo(new CiHint(null, null, "2001:db8::5"));
        assertThat(Hosts.hint(id, "Core Router")).isEqualTo(CiHint.of(id));
        assertThat(Hosts.hint(null, null)).isEqualTo(CiHint.NONE);
    }
}
