package io.opsline.monitoring.internal.nagios;

/** Plugins started through the JDK's ProcessBuilder, as on systems where posix_spawn cannot be used. */
class PluginRunnerJdkIT extends PluginRunnerIT {

    private static final PluginProcesses JDK = new JdkProcesses(PluginProcesses.environment());

    @Override
    PluginProcesses processes() {
        return JDK;
    }
}
