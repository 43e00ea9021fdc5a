package io.opsline.servicedesk.internal.request;

import io.opsline.platform.Choice;

/** A fulfilment task is open until someone marks it done. */
public enum TaskState implements Choice {
    OPEN, DONE
}
