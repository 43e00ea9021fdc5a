package io.opsline.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255", "192.168.1.10", "1.2.3.4"})
    void acceptsIpv4Addresses(String address) {
        assertThat(Addresses.valid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::", "fe80::1", "2001:db8::8a2e:370:7334", "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "::ffff:192.0.2.1", "fe80::1%eth0", "fe80::1%1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:192.0.2.1", "1::8",
            "::2:3:4:5:6:7:8"})
    void acceptsIpv6Addresses(String address) {
        assertThat(Addresses.valid(address)).isTrue();
    }

    /**
     * A zone names an interface of the host the CI is, not of the machine running Opsline, so an
     * interface this machine lacks must not make the address invalid.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%ens192", "fe80::1%eth9", "fe80::abcd%wlp3s0"})
    void acceptsScopedIpv6AddressesWhateverInterfacesThisMachineHas(String address) {
        assertThat(Addresses.valid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web01", "web01.example.com", "example.com.", "_sip._tcp.example.com", "a-b.c_d.example",
            "xn--bcher-kva.example", "1host.example", "localhost"})
    void acceptsHostNames(String address) {
        assertThat(Addresses.valid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.1.1.1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4.", "a..b", ".example.com",
            "has space", "web 01.example.com", "-leading.example.com", "trailing-.example.com", "host..", "",
            "under/score", "2001:db8::g1", "1::2::3", "fe80::1%", "fe80::1%eth 0", "web01:8080", "http://web01",
            ".1:2", ":1", "1:", "::1:", "12345::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2:3:4:5:6:7:8",
            "::ffff:999.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3"})
    void refusesWhatIsNeitherAnAddressNorAHostName(String address) {
        assertThat(Addresses.valid(address)).isFalse();
    }

    @Test
    void refusesHostNamesAndLabelsThatAreTooLong() {
        var label63 = "a".repeat(63);
        assertThat(Addresses.valid(label63 + ".example")).isTrue();
        assertThat(Addresses.valid("a".repeat(64) + ".example")).isFalse();

        var name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(name253).hasSize(253);
        assertThat(Addresses.valid(name253)).isTrue();
        assertThat(Addresses.valid(name253 + "a")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8::1, 2001:db8::1",
        "2001:db8:0:0::1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "0:0:0:0:0:0:0:0, ::",
        "::, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "fe80:0::00ab%eth0, fe80::ab%eth0",
        "::ffff:10.0.0.5, 10.0.0.5",
        "0:0:0:0:0:ffff:a00:5, 10.0.0.5",
        "::ffff:10.0.0.5%eth0, ::ffff:a00:5%eth0",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "1:2:3:4:5:6:192.0.2.1, 1:2:3:4:5:6:c000:201",
        "::10.0.0.5, ::a00:5",
        "10.0.0.5, 10.0.0.5",
        "web-01.example.com., web-01.example.com",
        "web-01, web-01"})
    void keysEveryWayOfWritingAnAddressAlike(String address, String key) {
        assertThat(Addresses.key(address)).isEqualTo(key);
    }

    @Test
    void looksUpWhatOthersWriteInAnyCaseWithBlanksAndBrackets() {
        assertThat(Addresses.lookupKey(" 2001:DB8:0:0::1 ")).hasValue("2001:db8::1");
        assertThat(Addresses.lookupKey("[2001:db8::1]")).hasValue("2001:db8::1");
        assertThat(Addresses.lookupKey("WEB-01.Example.COM.")).hasValue("web-01.example.com");
        assertThat(Addresses.lookupKey("10.0.0.5")).hasValue("10.0.0.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "[10.0.0.5]", "[]", "[web-01]", "web-01:9100", "[2001:db8::1]:9100", "010.0.0.5",
            "http://web-01", "web 01", "2001:db8::1::2"})
    void looksUpNothingForWhatIsNoAddress(String text) {
        assertThat(Addresses.lookupKey(text)).isEmpty();
    }

    @Test
    void looksUpNothingForNullOrEndlessText() {
        assertThat(Addresses.lookupKey(null)).isEmpty();
        assertThat(Addresses.lookupKey("a".repeat(100_000))).isEmpty();
    }

    @Test
    void tellsQualifiedHostNamesFromShortNamesAndIpAddresses() {
        assertThat(Addresses.qualifiedHostName("web-01.example.com")).isTrue();
        assertThat(Addresses.qualifiedHostName("web-01")).isFalse();
        assertThat(Addresses.qualifiedHostName("10.0.0.5")).isFalse();
        assertThat(Addresses.qualifiedHostName("::ffff:a00:5%eth0")).isFalse();
    }
}
