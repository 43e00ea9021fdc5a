package io.opsline.alerting.internal;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The fingerprints this node has lately seen open, as a hint to the intake: a trigger whose
 * fingerprint is not among them is taken for the first of a new problem and goes straight to the
 * locked path, instead of first trying to count it on an activity row that is not there (a fifth of
 * the triggers of a busy outage are new problems).
 *
 * <p>Only a hint, never the truth: another node may have opened or resolved an alert since, and
 * nothing here is rolled back with a failed batch. Either mistake costs one needless step and
 * corrects itself: a fingerprint wrongly held here finds no activity row and takes the locked path;
 * one wrongly missing takes the locked path, which finds its open alert and counts the trigger
 * there. Held in memory only, and emptied when it grows past {@link #LIMIT}, far more than a
 * deployment keeps open, as entries left by alerts resolved elsewhere pile up.
 */
@Component
class OpenFingerprints {

    private static final int LIMIT = 200_000;

    private final Set<String> open = ConcurrentHashMap.newKeySet();

    boolean mayBeOpen(String fingerprint) {
        return open.contains(fingerprint);
    }

    void opened(Collection<String> fingerprints) {
        if (open.size() + fingerprints.size() > LIMIT) {
            open.clear();
        }
        open.addAll(fingerprints);
    }

    void ended(Collection<String> fingerprints) {
        open.removeAll(fingerprints);
    }
}
