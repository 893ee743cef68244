package casetrack.query.search;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Full-text search (PostgreSQL tsvector with GIN indexes, web-search syntax: words, "phrases",
 * or, -not) over cases (title, parties, agency, place, charges) and steps (summary and note).
 */
@Repository
public class SearchQueries {

    private final NamedParameterJdbcTemplate jdbc;

    public SearchQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record CaseHit(String caseId, String title, String stage, double rank) {
    }

    public record StepHit(String caseId, String caseTitle, String eventId, String type, String occurredOn,
                          String summary, boolean retracted, double rank) {
    }

    public record SearchResult(String query, List<CaseHit> cases, List<StepHit> steps) {
    }

    public SearchResult search(String query, int limit) {
        Map<String, Object> params = Map.of("q", query, "limit", limit);
        List<CaseHit> cases = jdbc.query("""
                SELECT s.case_id, s.title, s.stage, ts_rank(w.search, q) AS rank
                FROM query.case_search w
                JOIN query.case_summary s ON s.case_id = w.case_id,
                     websearch_to_tsquery('english', :q) AS q
                WHERE w.search @@ q
                ORDER BY rank DESC, s.case_id LIMIT :limit
                """, params, (rs, n) -> new CaseHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4)));
        List<StepHit> steps = jdbc.query("""
                SELECT t.case_id, s.title, t.event_id, t.event_type, t.occurred_on, t.summary, t.retracted,
                       ts_rank(t.search, q) AS rank
                FROM query.timeline_entry t
                JOIN query.case_summary s ON s.case_id = t.case_id,
                     websearch_to_tsquery('english', :q) AS q
                WHERE t.search @@ q
                ORDER BY rank DESC, t.global_index LIMIT :limit
                """, params, (rs, n) -> new StepHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getDouble(8)));
        return new SearchResult(query, cases, steps);
    }
}
