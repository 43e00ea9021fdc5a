package io.opsline.monitoring.web;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckView;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.acknowledgement.AcknowledgementInput;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.downtime.DowntimeStatus;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.monitoring.internal.engine.CheckStates;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.OpslineException;
import io.opsline.platform.PageRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A check's page (state, output, acknowledgement, definition, history) and the forms to make,
 * change and remove checks.
 */
@Controller
class CheckPages {

    /** How many history entries the check's page shows. */
    static final int HISTORY = 50;
    /** How many downtimes holding now the check's page names. */
    private static final int DOWNTIMES = 20;

    private final CheckDefinitions checks;
    private final CheckStates states;
    private final Acknowledgements acknowledgements;
    private final Downtimes downtimes;
    private final Inventory inventory;
    private final JsonMapper json;

    CheckPages(CheckDefinitions checks, CheckStates states, Acknowledgements acknowledgements, Downtimes downtimes,
            Inventory inventory, JsonMapper json) {
        this.checks = checks;
        this.states = states;
        this.acknowledgements = acknowledgements;
        this.downtimes = downtimes;
        this.inventory = inventory;
        this.json = json;
    }

    @GetMapping("/checks/{id}")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable UUID id, Model model) {
        return show(id, Map.of(), Map.of(), model);
    }

    /** Acknowledges the check's current problem, replacing an acknowledgement it has. */
    @PostMapping("/checks/{id}/acknowledgement")
    @RequiresRole(Role.OPERATOR)
    String acknowledge(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> request,
            Principal principal, Model model, RedirectAttributes redirect) {
        var values = new LinkedHashMap<String, String>();
        for (var field : List.of("comment", "sticky", "expiresAt", "zone")) {
            values.put(field, request.getFirst(field));
        }
        try {
            var expiresAt = Expiry.read(values.get("expiresAt"), values.get("zone"), values.get("comment"));
            acknowledgements.acknowledge(id, new AcknowledgementInput(values.get("comment"),
                    "true".equals(values.get("sticky")), expiresAt), principal.getName());
        } catch (InvalidInputException | ConflictException e) {
            return show(id, values, FormErrors.of(e), model);
        }
        redirect.addFlashAttribute("notice", "Problem acknowledged.");
        return "redirect:/checks/" + id;
    }

    @PostMapping("/checks/{id}/acknowledgement/delete")
    @RequiresRole(Role.OPERATOR)
    String unacknowledge(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        checks.get(id);
        try {
            acknowledgements.remove(id, principal.getName());
            redirect.addFlashAttribute("notice", "Acknowledgement removed: the problem is news again.");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("notice", "There was no acknowledgement to remove; it had already ended.");
        }
        return "redirect:/checks/" + id;
    }

    @GetMapping("/checks/new")
    @RequiresRole(Role.OPERATOR)
    String newCheck(@RequestParam(required = false) String ci, Model model) {
        return form(null, CheckForm.blank(ci), Map.of(), model);
    }

    @PostMapping("/checks")
    @RequiresRole(Role.OPERATOR)
    String create(@RequestParam MultiValueMap<String, String> request, Model model, RedirectAttributes redirect) {
        var form = CheckForm.from(request);
        try {
            var created = checks.create(form.toInput(json));
            redirect.addFlashAttribute("notice", "Check %s created.".formatted(created.name()));
            return "redirect:/checks/" + created.id();
        } catch (InvalidInputException | ConflictException e) {
            return form(null, form, fieldErrors(e), model);
        }
    }

    @GetMapping("/checks/{id}/edit")
    @RequiresRole(Role.OPERATOR)
    String edit(@PathVariable UUID id, Model model) {
        var check = checks.get(id);
        return form(check, CheckForm.of(check, json), Map.of(), model);
    }

    @PostMapping("/checks/{id}")
    @RequiresRole(Role.OPERATOR)
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> request, Model model,
            RedirectAttributes redirect) {
        var existing = checks.get(id);
        var form = CheckForm.from(request);
        try {
            checks.update(id, form.toInput(json));
            redirect.addFlashAttribute("notice", "Changes saved.");
            return "redirect:/checks/" + id;
        } catch (InvalidInputException | ConflictException e) {
            return form(existing, form, fieldErrors(e), model);
        }
    }

    @PostMapping("/checks/{id}/delete")
    @RequiresRole(Role.OPERATOR)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var check = checks.get(id);
        checks.delete(id);
        redirect.addFlashAttribute("notice", "Check %s deleted.".formatted(check.name()));
        return "redirect:/monitoring/checks?ci=" + check.ci().id();
    }

    /** One performance value as the check's page shows it. */
    public record PerfRow(String label, String value, String warn, String crit, String min, String max) {

        static PerfRow of(PerfDatum d) {
            return new PerfRow(d.label(), d.value() == null ? "unknown" : Wording.number(d.value()) + d.unit(),
                    range(d.warn()), range(d.crit()), number(d.min()), number(d.max()));
        }

        private static String range(ThresholdRange range) {
            return range == null ? "" : range.text();
        }

        private static String number(Double value) {
            return value == null ? "" : Wording.number(value);
        }
    }

    private String show(UUID id, Map<String, String> ackValues, Map<String, String> errors, Model model) {
        var check = checks.get(id);
        var view = states.get(id);
        var ciId = check.ci().id().toString();
        var holding = downtimes.list(DowntimeStatus.ACTIVE.key(), ciId, new PageRequest(0, DOWNTIMES)).items()
                .stream().filter(d -> d.scope().checkId() == null || d.scope().checkId().equals(id)).toList();
        model.addAttribute("check", check);
        model.addAttribute("row", StateRow.of(view, Instant.now()));
        model.addAttribute("timeout", Wording.number(check.timeoutSeconds()));
        model.addAttribute("params", displayed(check.params()));
        model.addAttribute("perf", view.perfData() == null ? List.of()
                : view.perfData().stream().map(PerfRow::of).toList());
        model.addAttribute("downtimes", holding);
        model.addAttribute("history", states.history(id, HISTORY));
        model.addAttribute("ack", ackValues);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "monitoring/check";
    }

    /** Parameter values as text: strings as they are, anything else (numbers, lists, maps) as JSON. */
    private Map<String, String> displayed(Map<String, Object> params) {
        var shown = new LinkedHashMap<String, String>();
        params.forEach((k, value) -> shown.put(k, value instanceof String text ? text
                : json.writeValueAsString(value)));
        return shown;
    }

    private String form(CheckView check, CheckForm form, Map<String, String> errors, Model model) {
        var ciId = Ids.parseOrNull(form.get("ci") == null ? "" : form.get("ci").strip());
        model.addAttribute("check", check);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("ciName", ciId == null ? null : inventory.find(ciId).map(CiSummary::name).orElse(null));
        model.addAttribute("types", Choice.options(CheckType.class));
        model.addAttribute("examples", examples());
        return "monitoring/check-form";
    }

    /** Errors keyed by form field: those about one parameter ("params.port") show beside the parameters box. */
    private static Map<String, String> fieldErrors(OpslineException e) {
        var errors = new LinkedHashMap<String, String>();
        FormErrors.of(e).forEach((field, message) -> {
            var params = field.startsWith("params.");
            // The version is a hidden field: a stale one is news for the whole form.
            var key = params ? "params" : field.equals("version") ? "" : field;
            errors.merge(key, params ? field.substring("params.".length()) + ": " + message : message,
                    (a, b) -> a + "; " + b);
        });
        return errors;
    }

    /** The parameters of each check type, as an example to start from. */
    private static Map<String, String> examples() {
        var examples = new LinkedHashMap<String, String>();
        examples.put(CheckType.PING.label(), "{\"host\": \"10.0.0.5\", \"packets\": 5, \"rttWarningMs\": 200}");
        examples.put(CheckType.TCP.label(), "{\"port\": 22, \"responseWarningMs\": \"500\"}");
        examples.put(CheckType.HTTP.label(), "{\"url\": \"https://shop.example.com/health\", \"expectedStatus\": [200],"
                + " \"bodyRegex\": \"ok\"}");
        examples.put(CheckType.TLS_CERTIFICATE.label(), "{\"port\": 443, \"warningDays\": 30, \"criticalDays\": 7}");
        examples.put(CheckType.DNS.label(), "{\"name\": \"www.example.com\", \"recordType\": \"a\"}");
        examples.put(CheckType.SNMP.label(), "{\"community\": \"public\", \"oid\": \"1.3.6.1.2.1.1.3.0\"}");
        examples.put(CheckType.SSH.label(), "{\"user\": \"monitor\", \"password\": \"…\", \"command\": \"uptime\"}");
        examples.put(CheckType.PLUGIN.label(), "{\"plugin\": \"check_disk\", \"arguments\": [\"-w\", \"20%\","
                + " \"-c\", \"10%\", \"-p\", \"/\"]}");
        examples.put(CheckType.PROMETHEUS.label(), "{\"url\": \"http://10.0.0.5:9100/metrics\", \"metric\":"
                + " \"node_load1\", \"warning\": \"4\", \"critical\": \"8\"}");
        examples.put(CheckType.PASSIVE.label(), "{\"freshnessSeconds\": 90000, \"staleState\": \"critical\"}");
        return examples;
    }
}
