package io.opsline.monitoring;

import io.opsline.platform.Choice;

/**
 * Whether a state is confirmed. A problem is SOFT while the check retries (attempt below its
 * maximum) and HARD once confirmed; only hard changes reach people.
 */
public enum StateType implements Choice {
    SOFT, HARD
}
