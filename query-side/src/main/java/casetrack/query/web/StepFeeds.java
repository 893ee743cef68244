package casetrack.query.web;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import casetrack.shared.value.Ids;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Atom feeds of newly recorded steps, newest first: {@code /feeds/steps.atom} for every case,
 * {@code /feeds/cases/{caseId}.atom} for one. An entry's id is the step's event id, so a reader
 * never announces a step twice; its date is when the step entered the record.
 */
@RestController
public class StepFeeds {

    static final MediaType ATOM = new MediaType("application", "atom+xml", StandardCharsets.UTF_8);
    private static final int ENTRIES = 50;
    private static final Pattern CASE_ID = Pattern.compile(Ids.PATTERN);

    private final NamedParameterJdbcTemplate jdbc;

    public StepFeeds(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record FeedEntry(String eventId, String caseId, String title, String type, String occurredOn, String summary,
                     String note, Instant recordedAt, List<String> sources) {
    }

    @GetMapping("/feeds/steps.atom")
    public ResponseEntity<String> allCases() {
        return ResponseEntity.ok().contentType(ATOM).body(feed("casetrack: new steps in every case", "urn:casetrack:steps",
                "/feeds/steps.atom", entries(null)));
    }

    @GetMapping("/feeds/cases/{caseId}.atom")
    public ResponseEntity<?> oneCase(@PathVariable String caseId) {
        if (!CASE_ID.matcher(caseId).matches()) {
            return TimelineExports.notFound(caseId);
        }
        List<String> titles = jdbc.queryForList("SELECT title FROM query.case_summary WHERE case_id = :caseId",
                Map.of("caseId", caseId), String.class);
        if (titles.isEmpty()) {
            return TimelineExports.notFound(caseId);
        }
        return ResponseEntity.ok().contentType(ATOM).body(feed("casetrack: " + titles.get(0), "urn:casetrack:case:" + caseId,
                "/feeds/cases/" + caseId + ".atom", entries(caseId)));
    }

    private List<FeedEntry> entries(String caseId) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", ENTRIES);
        String where = " WHERE NOT t.retracted";
        if (caseId != null) {
            where += " AND t.case_id = :caseId";
            params.addValue("caseId", caseId);
        }
        return jdbc.query("""
                SELECT t.event_id, t.case_id, s.title, t.event_type, t.occurred_on, t.summary, t.note, t.recorded_at,
                       t.sources::text AS sources
                FROM query.timeline_entry t JOIN query.case_summary s ON s.case_id = t.case_id""" + where
                + " ORDER BY t.global_index DESC LIMIT :limit", params, (rs, n) -> {
                    Timestamp at = rs.getTimestamp("recorded_at");
                    return new FeedEntry(rs.getString("event_id"), rs.getString("case_id"), rs.getString("title"),
                            rs.getString("event_type"), rs.getString("occurred_on"), rs.getString("summary"),
                            rs.getString("note"), at == null ? Instant.EPOCH : at.toInstant(), sourceUrls(rs.getString("sources")));
                });
    }

    private static List<String> sourceUrls(String json) {
        try {
            return TimelineExports.urls(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of();
        }
    }

    private static String feed(String title, String id, String self, List<FeedEntry> entries) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        Instant updated = entries.isEmpty() ? Instant.EPOCH : entries.get(0).recordedAt();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <title>").append(x(title)).append("</title>\n")
                .append("  <id>").append(x(id)).append("</id>\n")
                .append("  <link rel=\"self\" href=\"").append(x(base + self)).append("\"/>\n")
                .append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(x(base + "/")).append("\"/>\n")
                .append("  <updated>").append(updated).append("</updated>\n")
                .append("  <author><name>casetrack</name></author>\n");
        for (FeedEntry e : entries) {
            String date = TimelineExports.DatesInWords.of(e.occurredOn());
            xml.append("  <entry>\n")
                    .append("    <id>urn:casetrack:step:").append(x(e.eventId())).append("</id>\n")
                    .append("    <title>").append(x(e.title() + ": " + e.summary())).append("</title>\n")
                    .append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(x(base + "/cases/" + e.caseId() + "#step-" + e.eventId())).append("\"/>\n")
                    .append("    <updated>").append(e.recordedAt()).append("</updated>\n")
                    .append("    <category term=\"").append(x(e.type())).append("\"/>\n")
                    .append("    <summary>").append(x(date + " — " + e.summary() + (e.note() == null ? "" : " (" + e.note() + ")")))
                    .append("</summary>\n");
            for (String url : e.sources()) {
                xml.append("    <link rel=\"related\" href=\"").append(x(url)).append("\"/>\n");
            }
            xml.append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String x(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
