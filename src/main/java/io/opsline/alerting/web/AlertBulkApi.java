package io.opsline.alerting.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.BulkResult;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Ids;
import io.opsline.platform.Violations;

/**
 * Several alerts acknowledged or resolved in one request, each audited as if done alone; the
 * answer says per alert what came of it. Up to {@link Alerts#MAX_BULK} ids; an id that is no id
 * refuses the whole request (422), one that names no alert is reported as {@code NOT_FOUND}.
 */
@RestController
class AlertBulkApi {

    private final Alerts alerts;

    AlertBulkApi(Alerts alerts) {
        this.alerts = alerts;
    }

    /** The alerts to act on. */
    record AlertIds(List<String> ids) {
    }

    /** How many changed, and per alert asked for (duplicates once) its outcome. */
    record Outcomes(long changed, List<BulkResult.Item> results) {
    }

    @PostMapping("/api/v1/alerts/acknowledge")
    @RequiresRole(Role.OPERATOR)
    Outcomes acknowledge(@RequestBody AlertIds request, Principal principal) {
        return outcomes(alerts.acknowledgeAll(ids(request), principal.getName()));
    }

    @PostMapping("/api/v1/alerts/resolve")
    @RequiresRole(Role.OPERATOR)
    Outcomes resolve(@RequestBody AlertIds request, Principal principal) {
        return outcomes(alerts.resolveAll(ids(request), principal.getName()));
    }

    private static Outcomes outcomes(BulkResult result) {
        return new Outcomes(result.changed(), result.items());
    }

    private static List<UUID> ids(AlertIds request) {
        var texts = request == null || request.ids() == null ? List.<String>of() : request.ids();
        Alerts.requireBulkSize(texts.size());
        var v = new Violations();
        var ids = new ArrayList<UUID>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            var id = texts.get(i) == null ? null : Ids.parseOrNull(texts.get(i).strip());
            if (id == null) {
                v.add("ids[" + i + "]", "is not an alert id");
            } else {
                ids.add(id);
            }
        }
        v.throwIfAny("Invalid alert ids");
        return ids;
    }
}
