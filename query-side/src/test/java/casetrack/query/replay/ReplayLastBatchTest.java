package casetrack.query.replay;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay is done only when every event up to the head at its start is in the delivery log, which
 * commits with each batch, not when the processor's segments merely read past the head: Axon's
 * pooled processor marks its segments caught up once the coordinator has handed the last events
 * to the work packages, before they commit them, and a segment with no status yet is simply not
 * listed. A replay that trusted the marks checksummed the tables without a last batch and said they
 * differed (seen once in CI, in {@code ReplayIndexesTest}). Here the last batch is held open at
 * {@link ReplayGate}: the replay must stay RUNNING until it commits, then end with equal checksums.
 */
class ReplayLastBatchTest extends QuerySideTest {

    @Test
    void aReplayIsNotDoneWhileItsLastBatchIsUncommitted() {
        // recorded last, so its steps are the head of the store
        CaseHistory h = new CaseHistory(ReplayGate.PREFIX + UUID.randomUUID().toString().substring(0, 8),
                eventStore::publish);
        String id = h.caseId();
        h.record(opened(id, "State v. Gated (fictional)", "ID", "FBI", "o-1", "Officer Gated", "2020-01-01"),
                charged(id, "charge-1", "2020-02-01"));
        awaitProjected(h);

        ReplayGate.close();
        try {
            assertThat(post("/api/admin/replay").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(ReplayGate::holdsABatch);
            // every event is handed out and the other segments are through; the batch at the gate is not
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        JsonNode progress = getJson("/api/admin/replay");
                        assertThat(progress.path("state").asText()).as(progress.toString()).isEqualTo("RUNNING");
                    });
            assertThat(summaryVersion(id)).as("the gated case is not in the rebuilt tables yet").isEqualTo(-1);
        } finally {
            ReplayGate.open();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(getJson("/api/admin/replay").path("state").asText()).isEqualTo("DONE"));
        JsonNode done = getJson("/api/admin/replay");
        assertThat(done.path("checksumsEqual").asBoolean()).as(done.toString()).isTrue();
        assertThat(summaryVersion(id)).isEqualTo(h.version());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM query.event_delivery WHERE case_id = :id", Map.of("id", id), Long.class))
                .isEqualTo(2L);
    }
}
