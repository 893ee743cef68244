package casetrack.query.replay;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One md5 per projection table over its whole rows in key order. Every column is a function of
 * the events alone (what depends on today is computed at read time), so equal events give equal
 * sums. {@code query.event_delivery} is left out: it counts deliveries, not what the events say.
 */
@Component
public class ProjectionChecksums {

    static final Map<String, String> TABLE_KEYS = Map.of(
            "query.case_summary", "case_id",
            "query.case_search", "case_id",
            "query.timeline_entry", "event_id",
            "query.calendar_entry", "case_id, entry_key");

    private final JdbcTemplate jdbc;

    public ProjectionChecksums(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> all() {
        Map<String, String> sums = new LinkedHashMap<>();
        TABLE_KEYS.keySet().stream().sorted().forEach(table -> sums.put(table, jdbc.queryForObject(
                "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY " + orderOf(table) + "), '')) FROM " + table + " t",
                String.class)));
        return sums;
    }

    private static String orderOf(String table) {
        return String.join(", ", java.util.Arrays.stream(TABLE_KEYS.get(table).split(",\\s*")).map(k -> "t." + k).toList());
    }
}
