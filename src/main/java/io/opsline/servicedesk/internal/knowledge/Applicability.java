package io.opsline.servicedesk.internal.knowledge;

import java.util.Set;

import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;

/**
 * Where someone is looking: CIs of these classes, a check of this type, an alert from this source
 * with this dedup key. Any of them may be empty or null.
 */
public record Applicability(Set<CiClass> ciClasses, CheckType checkType, String alertSource, String dedupKey) {

    public Applicability {
        ciClasses = Set.copyOf(ciClasses);
    }

    boolean isEmpty() {
        return ciClasses.isEmpty() && checkType == null && (alertSource == null || alertSource.isBlank());
    }
}
