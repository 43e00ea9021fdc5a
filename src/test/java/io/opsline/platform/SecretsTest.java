package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void sealsSoThatOnlyTheSameKeyOpensAndNoTwoSealsLookAlike() {
        var secrets = new Secrets(new PlatformProperties(dataDir, null));
        var once = secrets.seal("community-string");
        var twice = secrets.seal("community-string");
        assertThat(once).startsWith("v1:").doesNotContain("community").isNotEqualTo(twice);
        assertThat(secrets.open(once)).isEqualTo("community-string");
        var other = new Secrets(new PlatformProperties(dataDir.resolve("other"), null));
        assertThatIllegalArgumentException().isThrownBy(() -> other.open(once)).withMessageContaining("key");
    }

    @Test
    void aChangedSealIsRefused() {
        var secrets = new Secrets(new PlatformProperties(dataDir, null));
        var sealed = secrets.seal("password");
        var bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        assertThatIllegalArgumentException()
                .isThrownBy(() -> secrets.open("v1:" + Base64.getEncoder().encodeToString(bytes)));
        assertThatIllegalArgumentException().isThrownBy(() -> secrets.open("plain text"));
    }

    @Test
    void createsItsKeyOnceReadableOnlyByItsOwner() throws Exception {
        var first = new Secrets(new PlatformProperties(dataDir, null));
        var key = dataDir.resolve("secret.key");
        assertThat(Files.getPosixFilePermissions(key))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        var sealed = first.seal("kept across restarts");
        assertThat(new Secrets(new PlatformProperties(dataDir, null)).open(sealed)).isEqualTo("kept across restarts");
    }

    @Test
    void aConfiguredKeyIsSharedByNodesAndMustBe32Bytes() {
        var key = Base64.getEncoder().encodeToString(new byte[32]);
        var node1 = new Secrets(new PlatformProperties(dataDir.resolve("n1"), key));
        var node2 = new Secrets(new PlatformProperties(dataDir.resolve("n2"), key));
        assertThat(node2.open(node1.seal("shared"))).isEqualTo("shared");
        assertThat(dataDir.resolve("n1/secret.key")).doesNotExist();
        assertThatIllegalStateException().isThrownBy(
                () -> new Secrets(new PlatformProperties(dataDir, Base64.getEncoder().encodeToString(new byte[16]))));
        assertThatIllegalStateException().isThrownBy(() -> new Secrets(new PlatformProperties(dataDir, "%%%")));
    }
}
