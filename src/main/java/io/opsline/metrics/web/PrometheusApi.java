package io.opsline.metrics.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.metrics.internal.MetricMetadata;
import io.opsline.metrics.internal.MetricQueries;
import io.opsline.metrics.internal.promql.PromqlException;
import io.opsline.metrics.internal.promql.PromqlJson;
import io.opsline.metrics.internal.promql.QueryParameters;

/**
 * Prometheus' HTTP query API, so that Grafana and other Prometheus clients can use Opsline as a
 * Prometheus data source (with an API token as a bearer token). Answers and errors are Prometheus'
 * JSON, not problem details, because that is what those clients read. The same endpoints under
 * {@value #PAGES} take a signed-in session, for Opsline's own pages' scripts.
 */
@RestController
class PrometheusApi {

    static final String API = "/api/v1";
    static final String PAGES = "/metrics/api/v1";

    private final MetricQueries queries;
    private final MetricMetadata metadata;

    PrometheusApi(MetricQueries queries, MetricMetadata metadata) {
        this.queries = queries;
        this.metadata = metadata;
    }

    @RequiresRole(Role.VIEWER)
    @RequestMapping(path = {API + "/query", PAGES + "/query"}, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> query(@RequestParam(required = false) String query,
            @RequestParam(required = false) String time) {
        var at = time == null || time.isBlank() ? System.currentTimeMillis() : QueryParameters.parseTime("time", time);
        return ok(PromqlJson.success(queries.instant(query, at)));
    }

    @RequiresRole(Role.VIEWER)
    @RequestMapping(path = {API + "/query_range", PAGES + "/query_range"},
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> queryRange(@RequestParam(required = false) String query,
            @RequestParam(required = false) String start, @RequestParam(required = false) String end,
            @RequestParam(required = false) String step) {
        // Parameters are checked here, not by binding, so that a caller without access learns nothing but that.
        return ok(PromqlJson.success(queries.range(query, QueryParameters.parseTime("start", required("start", start)),
                QueryParameters.parseTime("end", required("end", end)),
                QueryParameters.parseDuration("step", required("step", step)))));
    }

    @RequiresRole(Role.VIEWER)
    @RequestMapping(path = {API + "/series", PAGES + "/series"}, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> series(@RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(required = false) String start, @RequestParam(required = false) String end) {
        return ok(PromqlJson.success(queries.series(match, from(start), to(end))));
    }

    @RequiresRole(Role.VIEWER)
    @RequestMapping(path = {API + "/labels", PAGES + "/labels"}, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> labels(@RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(required = false) String start, @RequestParam(required = false) String end) {
        return ok(PromqlJson.successStrings(queries.labelNames(match, from(start), to(end))));
    }

    @RequiresRole(Role.VIEWER)
    @RequestMapping(path = {API + "/label/{name}/values", PAGES + "/label/{name}/values"}, method = RequestMethod.GET)
    ResponseEntity<String> labelValues(@PathVariable String name,
            @RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(required = false) String start, @RequestParam(required = false) String end) {
        return ok(PromqlJson.successStrings(queries.labelValues(name, match, from(start), to(end))));
    }

    /**
     * What scrapes said of metric families, as Prometheus answers: by name, a list of descriptions
     * (here one, the latest). {@code metric} asks for one family, {@code limit} for at most so many.
     */
    @RequiresRole(Role.VIEWER)
    @RequestMapping(path = {API + "/metadata", PAGES + "/metadata"}, method = RequestMethod.GET)
    ResponseEntity<String> metadata(@RequestParam(required = false) String metric,
            @RequestParam(required = false) String limit) {
        return ok(PromqlJson.successMetadata(metadata.described(metric == null || metric.isEmpty() ? null : metric,
                QueryParameters.parseLimit("limit", limit))));
    }

    /** What clients such as Grafana ask to learn what they talk to. */
    @RequiresRole(Role.VIEWER)
    @RequestMapping(path = API + "/status/buildinfo", method = RequestMethod.GET)
    ResponseEntity<String> buildInfo() {
        var version = PrometheusApi.class.getPackage().getImplementationVersion();
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("version", version == null ? "development" : "opsline-" + version);
        for (var empty : List.of("revision", "branch", "buildUser", "buildDate", "goVersion")) {
            fields.put(empty, "");
        }
        return ok(PromqlJson.successFields(fields));
    }

    /** Prometheus' status codes: 400 for bad input, 422 for a query that cannot be executed, 503 for one too slow. */
    @ExceptionHandler(PromqlException.class)
    ResponseEntity<String> refused(PromqlException e) {
        var status = switch (e.errorType()) {
            case BAD_DATA -> HttpStatus.BAD_REQUEST;
            case EXECUTION -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TIMEOUT -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(PromqlJson.error(e));
    }

    private static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new PromqlException(PromqlException.ErrorType.BAD_DATA,
                    "invalid parameter \"" + parameter + "\": the parameter is required");
        }
        return value;
    }

    private static long from(String start) {
        return start == null || start.isBlank() ? Long.MIN_VALUE : QueryParameters.parseTime("start", start);
    }

    private static long to(String end) {
        return end == null || end.isBlank() ? Long.MAX_VALUE : QueryParameters.parseTime("end", end);
    }

    private static ResponseEntity<String> ok(String json) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
