package io.opsline.servicedesk.web;

import java.util.HashSet;

import org.springframework.stereotype.Component;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.CheckType;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.knowledge.Applicability;
import io.opsline.servicedesk.internal.knowledge.Articles;

/**
 * Reads "where someone is looking" from a query string, for the API and the fragment other modules'
 * pages load alike: a CI given by id counts with its class.
 */
@Component
class Applicable {

    private final Inventory inventory;

    Applicable(Inventory inventory) {
        this.inventory = inventory;
    }

    Applicability parse(String ciClass, String checkType, String alertSource, String dedupKey, String ci) {
        var violations = new Violations();
        var classes = new HashSet<CiClass>();
        var named = violations.optionalChoice("ciClass", ciClass, CiClass.class);
        if (named != null) {
            classes.add(named);
        }
        var ciId = violations.optionalId("ci", ci, "must be a configuration item id");
        if (ciId != null) {
            inventory.find(ciId).map(CiSummary::ciClass).ifPresentOrElse(classes::add,
                    () -> violations.add("ci", "no configuration item " + ciId));
        }
        var type = violations.optionalChoice("checkType", checkType, CheckType.class);
        var source = violations.optional("alertSource", alertSource, Articles.MAX_SOURCE);
        var key = violations.optional("dedupKey", dedupKey, 1000);
        violations.throwIfAny("Invalid question of what applies");
        return new Applicability(classes, type, source, key);
    }
}
