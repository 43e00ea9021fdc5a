package io.opsline.metrics.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opsline.metrics.internal.scrape.PrometheusDurations;
import io.opsline.metrics.internal.scrape.ScrapeTarget;
import io.opsline.metrics.internal.scrape.ScrapeTargetInput;
import io.opsline.platform.Secrets;

/**
 * The scrape target form as typed: labels one {@code name=value} per line, keep and drop one regular
 * expression per line; {@code version} is the version the editor read. A stored password, token or
 * client key is shown as {@value Secrets#MASK}, which keeps it when saved unchanged.
 */
public record ScrapeTargetForm(Long version, String name, String url, String interval, String timeout,
        String labels, String keep, String drop, Boolean enabled, String auth, String username, String password,
        String bearerToken, String caCertificate, Boolean insecureSkipVerify, String clientCertificate,
        String clientKey) {

    static ScrapeTargetForm empty() {
        return new ScrapeTargetForm(null, null, null, "15s", "10s", null, null, null, true, "none", null, null, null,
                null, false, null, null);
    }

    static ScrapeTargetForm of(ScrapeTarget target) {
        var access = target.access();
        return new ScrapeTargetForm(target.version(), target.name(), target.url(),
                PrometheusDurations.format(target.intervalMs()), PrometheusDurations.format(target.timeoutMs()),
                target.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining("\n")),
                String.join("\n", target.keep()), String.join("\n", target.drop()), target.enabled(),
                access.authName(), access.username(), access.shownPassword(), access.shownBearerToken(),
                access.caCertificate(), access.insecureSkipVerify(), access.clientCertificate(),
                access.shownClientKey());
    }

    /** The form to show again after a refused save: a password, token or key typed is not sent back to the page. */
    ScrapeTargetForm withoutTypedSecrets() {
        return new ScrapeTargetForm(version, name, url, interval, timeout, labels, keep, drop, enabled, auth, username,
                masked(password), masked(bearerToken), caCertificate, insecureSkipVerify, clientCertificate,
                masked(clientKey));
    }

    private static String masked(String secret) {
        return Secrets.MASK.equals(secret) ? secret : null;
    }

    ScrapeTargetInput toInput() {
        var labelMap = new LinkedHashMap<String, String>();
        for (var line : lines(labels)) {
            var equals = line.indexOf('=');
            labelMap.put(equals < 0 ? line : line.substring(0, equals).strip(),
                    equals < 0 ? "" : line.substring(equals + 1).strip());
        }
        // The form keeps every field whatever the authentication chosen; only the chosen one's count.
        var basic = "basic".equalsIgnoreCase(auth);
        var bearer = "bearer".equalsIgnoreCase(auth);
        return new ScrapeTargetInput(version, name, url, interval, timeout, labelMap, lines(keep), lines(drop),
                enabled != null && enabled, auth, basic ? username : null, basic ? password : null,
                bearer ? bearerToken : null, caCertificate, insecureSkipVerify != null && insecureSkipVerify,
                clientCertificate, clientKey);
    }

    /** The service names a bad label {@code labels.<name>} and a bad pattern {@code keep[i]}; the form shows them by its fields. */
    Map<String, String> shownErrors(Map<String, String> errors) {
        var shown = new LinkedHashMap<String, String>();
        errors.forEach((field, message) -> {
            var at = field.indexOf('[');
            if (field.startsWith("labels.")) {
                shown.merge("labels", field.substring("labels.".length()) + ": " + message, (a, b) -> a + "; " + b);
            } else if (at > 0) {
                var index = Integer.parseInt(field.substring(at + 1, field.indexOf(']')));
                shown.merge(field.substring(0, at), "line " + (index + 1) + ": " + message, (a, b) -> a + "; " + b);
            } else {
                shown.put(field, message);
            }
        });
        return shown;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
