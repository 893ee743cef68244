package casetrack.query.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard, computed by SQL over the summary, timeline and calendar tables (a few aggregate
 * queries, each one pass over its table), all in one snapshot so it matches the {@link Position}
 * it is served under. {@link DashboardCache} computes it once per position and day.
 */
@Repository
public class DashboardQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    private final TransactionTemplate snapshot;

    public DashboardQueries(NamedParameterJdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        // every query of one dashboard sees the same committed state: the one its position names
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * How far the projections have got. {@code steps} is the number of steps the case summaries
     * have taken in (each case's version + 1, summed): it grows with every step, whichever segment
     * commits it, where the largest global index alone may stand still when a lower one lands late.
     * Equal positions mean equal summary, timeline and calendar rows (one transaction writes all
     * three for a step). A rebuild empties the tables, so a position may also go back.
     */
    public record Position(long steps, long lastGlobalIndex, Instant lastRecordedAt) {
    }

    /** A dashboard and the position of the snapshot it was computed from. */
    public record AtPosition(Dashboard dashboard, Position position) {
    }

    public Position position() {
        return jdbc.getJdbcTemplate().queryForObject("""
                SELECT count(*) + coalesce(sum(version), 0), coalesce(max(last_global_index), -1), max(last_recorded_at)
                FROM query.case_summary""", (rs, n) -> {
            Timestamp at = rs.getTimestamp(3);
            return new Position(rs.getLong(1), rs.getLong(2), at == null ? null : at.toInstant());
        });
    }

    /** The dashboard and its position, read in one repeatable-read snapshot. */
    public AtPosition dashboardAtPosition() {
        return snapshot.execute(status -> {
            Position position = position();
            return new AtPosition(dashboard(), position);
        });
    }

    public record Dashboard(long cases, Map<String, Long> byStage, Map<String, Long> byState, Map<String, Long> byAgency,
                            Map<String, Long> immunityRulings, Map<String, Long> appealOutcomes,
                            List<Duration> durations, List<CalendarEntry> upcoming, List<CalendarEntry> overdue,
                            long lastGlobalIndex, LocalDate today) {
    }

    /**
     * Days between two key steps over the cases that have both. Dates known only to the year are
     * left out; a month counts from its first day.
     */
    public record Duration(String span, long cases, double median, double p25, double p75, int min, int max) {
    }

    public record CalendarEntry(String caseId, String title, String kind, LocalDate dueOn, String description) {
    }

    /** The last event the projections have taken in: changes whenever any case does. */
    public long lastGlobalIndex() {
        return jdbc.getJdbcTemplate().queryForObject(
                "SELECT coalesce(max(last_global_index), -1) FROM query.case_summary", Long.class);
    }

    public Dashboard dashboard() {
        LocalDate today = LocalDate.now(clock);
        return new Dashboard(
                jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM query.case_summary", Long.class),
                counts("SELECT stage, count(*) FROM query.case_summary GROUP BY 1 ORDER BY 2 DESC, 1"),
                counts("SELECT coalesce(state, 'unknown'), count(*) FROM query.case_summary GROUP BY 1 ORDER BY 2 DESC, 1"),
                counts("SELECT coalesce(agency, 'unknown'), count(*) FROM query.case_summary GROUP BY 1 ORDER BY 2 DESC, 1"),
                counts("""
                        SELECT claim ->> 'status', count(*)
                        FROM query.case_summary, jsonb_each(file -> 'immunityClaims') AS c(claim_id, claim)
                        WHERE claim ->> 'status' <> 'ASSERTED'
                        GROUP BY 1 ORDER BY 2 DESC, 1"""),
                counts("""
                        SELECT coalesce(appeal ->> 'outcome', appeal ->> 'status'), count(*)
                        FROM query.case_summary, jsonb_each(file -> 'appeals') AS a(appeal_id, appeal)
                        WHERE appeal ->> 'status' IN ('DECIDED', 'CERTIORARI_DENIED', 'VACATED_AS_MOOT')
                        GROUP BY 1 ORDER BY 2 DESC, 1"""),
                durations(),
                calendar("c.due_on >= :today ORDER BY c.due_on, c.case_id, c.entry_key", today),
                calendar("c.due_on < :today AND c.kind = 'REMOVAL_DEADLINE' ORDER BY c.due_on, c.case_id, c.entry_key", today),
                lastGlobalIndex(),
                today);
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.getJdbcTemplate().query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private List<Duration> durations() {
        return jdbc.getJdbcTemplate().query("""
                WITH dated AS (
                    SELECT case_id, event_type, occurred_from
                    FROM query.timeline_entry
                    WHERE NOT retracted AND precision IN ('DAY', 'MONTH')
                ), firsts AS (
                    SELECT case_id,
                           min(occurred_from) FILTER (WHERE event_type = 'StateChargeFiled')   AS charged,
                           min(occurred_from) FILTER (WHERE event_type = 'RemovalNoticeFiled') AS removal,
                           min(occurred_from) FILTER (WHERE event_type = 'ImmunityRuledOn')    AS ruling
                    FROM dated GROUP BY case_id
                ), decisions AS (
                    -- the first appeal decision on or after the ruling: one hash join, not a scan of every
                    -- timeline row per case (the correlated form took seconds at a few thousand cases)
                    SELECT f.ruling, min(d.occurred_from) AS decided
                    FROM firsts f JOIN dated d ON d.case_id = f.case_id
                    WHERE f.ruling IS NOT NULL AND d.event_type = 'AppealDecided' AND d.occurred_from >= f.ruling
                    GROUP BY f.case_id, f.ruling
                ), spans AS (
                    SELECT 'chargeToRemovalNotice' AS span, removal - charged AS days FROM firsts
                    WHERE removal >= charged
                    UNION ALL
                    SELECT 'removalNoticeToImmunityRuling', ruling - removal FROM firsts
                    WHERE ruling >= removal
                    UNION ALL
                    SELECT 'immunityRulingToAppealDecision', decided - ruling FROM decisions
                )
                SELECT span, count(*) AS cases,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY days)  AS median,
                       percentile_cont(0.25) WITHIN GROUP (ORDER BY days) AS p25,
                       percentile_cont(0.75) WITHIN GROUP (ORDER BY days) AS p75,
                       min(days) AS min, max(days) AS max
                FROM spans GROUP BY span ORDER BY span
                """, (rs, n) -> new Duration(rs.getString("span"), rs.getLong("cases"), rs.getDouble("median"),
                rs.getDouble("p25"), rs.getDouble("p75"), rs.getInt("min"), rs.getInt("max")));
    }

    private List<CalendarEntry> calendar(String condition, LocalDate today) {
        return jdbc.query("""
                SELECT c.case_id, s.title, c.kind, c.due_on, c.description
                FROM query.calendar_entry c JOIN query.case_summary s ON s.case_id = c.case_id
                WHERE """ + " " + condition + " LIMIT 200",
                Map.of("today", today),
                (rs, n) -> new CalendarEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getString(5)));
    }
}
