package io.opsline.monitoring.internal.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plugins started the way Opsline starts them on Linux with Java 22 or later: posix_spawn, watched by epoll. */
class PluginRunnerPosixSpawnIT extends PluginRunnerIT {

    @Override
    PluginProcesses processes() {
        return PluginProcesses.shared();
    }

    @Test
    void thisMachineStartsPluginsWithPosixSpawn() {
        assertThat(PluginProcesses.shared().getClass().getSimpleName()).isEqualTo("PosixSpawnProcesses");
    }
}
