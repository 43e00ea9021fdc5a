package io.opsline.servicedesk.internal.review;

import io.opsline.platform.Choice;

/** Whether an action item of a review is still to do. */
public enum ActionState implements Choice {
    OPEN, DONE
}
