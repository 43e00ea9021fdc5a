package io.opsline.metrics.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import io.opsline.metrics.internal.ingest.MetricFamily;
import io.opsline.platform.Jdbc;

/**
 * What scrapes ({@code # TYPE}, {@code # HELP}, {@code # UNIT}) and remote writes (their metadata)
 * said of metric families, for Prometheus' metadata API, which Grafana reads to describe a metric.
 * One description per family, the latest; several sources saying different things of one family
 * take turns. Each node remembers what it wrote, so a source that says nothing new costs no statement.
 */
@Component
public class MetricMetadata {

    /** A family's type (as Prometheus names it: counter, gauge, …), help and unit; the last two empty when not given. */
    public record Description(String type, String help, String unit) {
    }

    private static final int HELP_LENGTH = 10_000;
    private static final int UNIT_LENGTH = 200;
    private static final int NAME_LENGTH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(MetricMetadata.class);

    private final JdbcTemplate jdbc;
    private final Map<String, Description> written = new ConcurrentHashMap<>();

    MetricMetadata(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps what a scrape or remote write said of its families, writing only descriptions that
     * changed. Never throws: a description that cannot be stored is logged and tried again the next
     * time a source sends it, and fails nothing of the samples it came with.
     */
    public void record(List<MetricFamily> families) {
        try {
            store(families);
        } catch (RuntimeException e) {
            log.warn("Storing the metadata of {} metric families failed", families.size(), e);
        }
    }

    private void store(List<MetricFamily> families) {
        for (var family : families) {
            if (family.name().length() > NAME_LENGTH) {
                continue;
            }
            var description = new Description(family.type().text(), cut(family.help(), HELP_LENGTH),
                    cut(family.unit(), UNIT_LENGTH));
            if (description.equals(written.get(family.name()))) {
                continue;
            }
            var now = Jdbc.timestamp(Instant.now());
            if (jdbc.update("UPDATE metric_metadata SET type = ?, help = ?, unit = ?, updated_at = ? WHERE metric_name = ?",
                    description.type(), description.help(), description.unit(), now, family.name()) == 0) {
                jdbc.update("INSERT INTO metric_metadata (metric_name, type, help, unit, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", family.name(), description.type(), description.help(),
                        description.unit(), now);
            }
            written.put(family.name(), description);
        }
    }

    /** The families described, by name; only {@code metric} when given; at most {@code limit} (negative: all). */
    public SequencedMap<String, Description> described(String metric, int limit) {
        var described = new LinkedHashMap<String, Description>();
        if (limit == 0) {
            return described;
        }
        var sql = "SELECT metric_name, type, help, unit FROM metric_metadata"
                + (metric == null ? "" : " WHERE metric_name = ?") + " ORDER BY metric_name"
                + (limit > 0 ? " FETCH FIRST " + limit + " ROWS ONLY" : "");
        jdbc.query(sql, (RowCallbackHandler) rs -> described.put(rs.getString(1),
                new Description(rs.getString(2), rs.getString(3), rs.getString(4))),
                metric == null ? new Object[0] : new Object[] {metric});
        return described;
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
