package io.opsline.monitoring.internal.engine;

/**
 * A result sent in for a passive check, as a remote agent or script reports it: the state by name
 * or by plugin exit code, and plugin-style output (first line, more lines, performance data after
 * '|').
 *
 * @param checkedAt when the result was found (ISO-8601); now if not given
 */
public record PassiveResultInput(String state, Integer exitCode, String output, String checkedAt) {
}
