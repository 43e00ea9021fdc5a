package io.opsline.monitoring.internal.nagios;

/** A plugin a check names cannot be run: missing, not executable, or outside the allowed directories. */
public class PluginPathException extends IllegalArgumentException {

    public PluginPathException(String message) {
        super(message);
    }
}
