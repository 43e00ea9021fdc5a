package io.opsline.inventory.internal;

import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;

/** Filters for the CI list; null fields do not filter. {@code text} matches name, addresses, tags, serial and more. */
public record CiQuery(String text, CiClass ciClass, CiStatus status, Environment environment, Criticality criticality,
        UUID ownerTeamId, String tag, CiSort sort) {

    public static CiQuery all() {
        return new CiQuery(null, null, null, null, null, null, null, CiSort.NAME);
    }

    /** Orders the list can be shown in. */
    public enum CiSort {
        NAME("c.name_key, c.ci_class"),
        CLASS("c.ci_class, c.name_key"),
        STATUS("c.status, c.name_key, c.ci_class"),
        UPDATED("c.updated_at DESC, c.id DESC");

        final String orderBy;

        CiSort(String orderBy) {
            this.orderBy = orderBy;
        }

        public String key() {
            return name().toLowerCase();
        }
    }
}
