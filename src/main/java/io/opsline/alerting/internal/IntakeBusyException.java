package io.opsline.alerting.internal;

/** The intake has more waiting than it takes: the sender should try again shortly. */
public class IntakeBusyException extends RuntimeException {

    IntakeBusyException(int waiting) {
        super("The alert intake is busy (" + waiting + " requests waiting); try again in a few seconds");
    }
}
