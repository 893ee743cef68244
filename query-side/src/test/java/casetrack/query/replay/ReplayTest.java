package casetrack.query.replay;

import java.time.Duration;
import java.util.Map;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReplayTest extends QuerySideTest {

    @Test
    void aFullReplayRebuildsIdenticalRowsAndSaysSo() {
        CaseHistory h = newCase("replay");
        String id = h.caseId();
        h.record(opened(id, "State v. Replay", "ID", "FBI", "o-1", "Officer Replay", "2020-01-01"),
                charged(id, "charge-1", "2020-02-01"),
                arraigned(id, "2020-02-10"));
        String arraignment = jdbc.queryForObject("SELECT event_identifier FROM events.domain_event_entry "
                + "WHERE aggregate_identifier = :id AND sequence_number = 2", Map.of("id", id), String.class);
        h.record(corrected(id, arraignment, "wrong day", "2020-02-12", null, null, "2020-03-01"));
        awaitProjected(h);
        String summaryBefore = jdbc.queryForObject("SELECT file::text FROM query.case_summary WHERE case_id = :id",
                Map.of("id", id), String.class);

        var started = post("/api/admin/replay");
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(json(started).path("state").asText()).isIn("RUNNING", "DONE");
        assertThat(post("/api/admin/replay").statusCode()).as("one replay at a time").isIn(409, 202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode progress = getJson("/api/admin/replay");
                    assertThat(progress.path("state").asText()).as(progress.toString()).isEqualTo("DONE");
                });
        JsonNode done = getJson("/api/admin/replay");
        assertThat(done.path("checksumsEqual").asBoolean()).as(done.toString()).isTrue();
        assertThat(done.path("checksumsAfter")).isEqualTo(done.path("checksumsBefore"));
        assertThat(done.path("checksumsAfter").fieldNames()).toIterable().containsExactly(
                "query.calendar_entry", "query.case_search", "query.case_summary", "query.timeline_entry");
        long events = jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM events.domain_event_entry", Long.class);
        assertThat(done.path("eventsTotal").asLong()).isEqualTo(events);
        assertThat(done.path("eventsDone").asLong()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT file::text FROM query.case_summary WHERE case_id = :id", Map.of("id", id),
                String.class)).isEqualTo(summaryBefore);
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT max(deliveries) FROM query.event_delivery", Integer.class))
                .as("the reset emptied the delivery count with the projections").isEqualTo(1);
    }
}
