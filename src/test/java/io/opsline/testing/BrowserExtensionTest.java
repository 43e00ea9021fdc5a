package io.opsline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserExtensionTest {

    @TempDir
    Path bin;
    @TempDir
    Path empty;

    @Test
    void runsWhenChromiumAndChromedriverAreOnThePath() throws IOException {
        executable("chromium");
        executable("chromedriver");

        var result = BrowserExtension.evaluate(environment(Map.of("PATH", bin.toString())));

        assertThat(result.isDisabled()).isFalse();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason).contains(bin.toString()));
    }

    @Test
    void skipsWithAReasonOnAMachineWithoutChromium() {
        var result = BrowserExtension.evaluate(environment(Map.of("PATH", empty.toString())));

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("OPSLINE_TEST_CHROMIUM", "OPSLINE_TEST_CHROMEDRIVER", "apt-get install chromium chromium-driver"));
    }

    @Test
    void failsUnderCiRatherThanSkipping() {
        var environment = environment(Map.of("PATH", empty.toString(), "CI", "true"));

        assertThatIllegalStateException().isThrownBy(() -> BrowserExtension.evaluate(environment))
                .withMessageContaining("CI=true requires the browser tests to run");
    }

    @Test
    void theVariablesWinOverThePath() throws IOException {
        var chromium = executable("my-chromium");
        var chromedriver = executable("my-chromedriver");

        var result = BrowserExtension.evaluate(environment(Map.of("PATH", empty.toString(),
                BrowserExtension.CHROMIUM_VARIABLE, chromium.toString(),
                BrowserExtension.CHROMEDRIVER_VARIABLE, chromedriver.toString())));

        assertThat(result.isDisabled()).isFalse();
    }

    @Test
    void aVariableNamingNoExecutableIsAMistakeNotASkip() throws IOException {
        var notExecutable = Files.createFile(bin.resolve("chromium"));

        assertThatIllegalStateException()
                .isThrownBy(() -> BrowserExtension.evaluate(environment(Map.of(BrowserExtension.CHROMIUM_VARIABLE,
                        notExecutable.toString()))))
                .withMessageContaining("is not an executable file");
    }

    Path executable(String name) throws IOException {
        var file = Files.createFile(bin.resolve(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    static java.util.function.Function<String, String> environment(Map<String, String> variables) {
        return new HashMap<>(variables)::get;
    }
}
