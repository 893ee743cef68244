package casetrack.query.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import casetrack.shared.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the case summary and timeline tables for the API. */
@Repository
public class CaseQueries {

    private static final ObjectMapper JSON = EventJson.newMapper();

    /** The sort keys the list accepts, each with its column; a leading '-' sorts descending. */
    public static final Map<String, String> SORT_COLUMNS = Map.of(
            "title", "title",
            "incident", "incident_on",
            "lastStep", "last_step_on",
            "stage", "stage",
            "state", "state",
            "updated", "last_global_index",
            "removalDeadline", "removal_deadline");

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public CaseQueries(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record CaseFilter(CaseStage stage, String state, String agency, String text, Boolean open) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** The version and last recording instant of a case, if the projection has it. */
    public record CaseVersion(long version, Instant lastRecordedAt) {
    }

    public Optional<CaseVersion> version(String caseId) {
        return jdbc.query("SELECT version, last_recorded_at FROM query.case_summary WHERE case_id = :caseId",
                Map.of("caseId", caseId),
                (rs, n) -> new CaseVersion(rs.getLong(1), instant(rs.getTimestamp(2)))).stream().findFirst();
    }

    public Page<CaseListItem> list(CaseFilter filter, String sortKey, boolean descending, int page, int size) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (filter.stage() != null) {
            where.add("stage = :stage");
            params.addValue("stage", filter.stage().name());
        }
        if (filter.state() != null) {
            where.add("lower(state) = lower(:state)");
            params.addValue("state", filter.state());
        }
        if (filter.agency() != null) {
            where.add("lower(agency) = lower(:agency)");
            params.addValue("agency", filter.agency());
        }
        if (filter.text() != null) {
            where.add("case_id IN (SELECT w.case_id FROM query.case_search w WHERE w.search @@ websearch_to_tsquery('english', :text))");
            params.addValue("text", filter.text());
        }
        if (filter.open() != null) {
            where.add("is_open = :open");
            params.addValue("open", filter.open());
        }
        String whereClause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = jdbc.queryForObject("SELECT count(*) FROM query.case_summary" + whereClause, params, Long.class);
        // sortKey was checked against SORT_COLUMNS by the caller; only known column names reach the SQL
        String order = SORT_COLUMNS.get(sortKey) + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", case_id";
        params.addValue("limit", size).addValue("offset", (long) page * size);
        LocalDate today = LocalDate.now(clock);
        List<CaseListItem> items = jdbc.query("""
                SELECT case_id, title, state, agency, stage, is_open, current_court, current_docket, incident_on,
                       removal_deadline, version, file -> 'lastStep' AS last_step
                FROM query.case_summary""" + whereClause + " ORDER BY " + order + " LIMIT :limit OFFSET :offset",
                params, (rs, n) -> {
                    LocalDate deadline = date(rs, "removal_deadline");
                    return new CaseListItem(rs.getString("case_id"), rs.getString("title"), rs.getString("state"),
                            rs.getString("agency"), CaseStage.valueOf(rs.getString("stage")), rs.getBoolean("is_open"),
                            rs.getString("current_court"), rs.getString("current_docket"), date(rs, "incident_on"),
                            deadline, deadline != null && deadline.isBefore(today),
                            parse(rs.getString("last_step"), CaseFile.LastStep.class), rs.getLong("version"));
                });
        return new Page<>(items, page, size, total);
    }

    public Optional<CaseSummaryView> summary(String caseId) {
        return summary(caseId, LocalDate.now(clock));
    }

    /** The case's summary as it reads on {@code today} (which deadlines are overdue). */
    public Optional<CaseSummaryView> summary(String caseId, LocalDate today) {
        return jdbc.query("SELECT file, last_recorded_at FROM query.case_summary WHERE case_id = :caseId",
                        Map.of("caseId", caseId),
                        (rs, n) -> CaseSummaryView.of(CaseSummaryProjection.read(rs.getString("file")),
                                instant(rs.getTimestamp("last_recorded_at")), today))
                .stream().findFirst();
    }

    /** Every step of the case by occurrence: earliest possible day, then the more precise date, then recording order. */
    public List<TimelineStep> timeline(String caseId) {
        return jdbc.query("""
                SELECT * FROM query.timeline_entry WHERE case_id = :caseId
                ORDER BY occurred_from, precision_rank, global_index
                """, Map.of("caseId", caseId), (rs, n) -> new TimelineStep(
                rs.getString("event_id"), rs.getLong("sequence"), rs.getLong("global_index"), rs.getString("event_type"),
                rs.getString("occurred_on"), rs.getString("precision"), rs.getString("summary"),
                parse(rs.getString("sources"), JsonNode.class), rs.getString("note"), rs.getString("date_conflict"),
                instant(rs.getTimestamp("recorded_at")), rs.getString("recorded_by"), rs.getString("correlation_id"),
                rs.getString("command_name"), rs.getBoolean("corrected"),
                rs.getBoolean("corrected") ? new TimelineStep.Correction(rs.getString("correction_reason"),
                        rs.getString("corrected_by"), rs.getString("original_occurred_on"),
                        parse(rs.getString("original_sources"), JsonNode.class), rs.getString("original_note")) : null,
                rs.getBoolean("retracted"),
                rs.getBoolean("retracted") ? new TimelineStep.Retraction(rs.getString("retraction_reason"),
                        rs.getString("retracted_by")) : null));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static <T> T parse(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable projection JSON: " + e.getMessage(), e);
        }
    }
}
