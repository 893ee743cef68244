package casetrack.query.replay;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.event.CaseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sums before and after a replay cover the same events. CI once saw {@code ReplayIndexesTest}
 * report unequal sums; the second test reproduces that against the earlier replay, which summed
 * the tables while a live batch was still in flight, so that the batch landed between the sums and
 * the reset. The first guards the end: a replay is done only when the delivery log, which commits
 * with each batch, counts every event up to the head, not when the segments merely read past it
 * (Axon's pooled processor marks a segment caught up once its coordinator has handed out the last
 * events, before the worker commits them). {@link ReplayGate} holds the batches open.
 */
class ReplayLastBatchTest extends QuerySideTest {

    @Test
    void aReplayIsNotDoneWhileItsLastBatchIsUncommitted() {
        // recorded last, so its steps are the head of the store
        CaseHistory h = newCase(ReplayGate.PREFIX + "batch");
        String id = h.caseId();
        h.record(opened(id, "State v. Gated (fictional)", "ID", "FBI", "o-1", "Officer Gated", "2020-01-01"));
        CaseEvent[] statements = new CaseEvent[(int) ReplayGate.PAST_THE_FIRST_BATCH + 49];
        Arrays.setAll(statements, i -> statement(id, "A. Spokesman (fictional)", "statement " + i, "2020-02-01"));
        h.record(statements);
        awaitProjected(h);

        ReplayGate.close(ReplayGate.PAST_THE_FIRST_BATCH);
        try {
            assertThat(post("/api/admin/replay").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(ReplayGate::holdsABatch);
            // every event is handed out, the segment committed its first batch of the replay, and the
            // coordinator marks the segments caught up each time it looks again (token-claim-interval,
            // 2 s); the batch at the gate is still open
            await().during(Duration.ofMillis(4500)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        JsonNode progress = getJson("/api/admin/replay");
                        assertThat(progress.path("state").asText()).as(progress.toString()).isEqualTo("RUNNING");
                    });
            assertThat(summaryVersion(id)).as("the gated case's last steps are not in the rebuilt tables yet").isLessThan(h.version());
        } finally {
            ReplayGate.open();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(getJson("/api/admin/replay").path("state").asText()).isEqualTo("DONE"));
        JsonNode done = getJson("/api/admin/replay");
        assertThat(done.path("checksumsEqual").asBoolean()).as(done.toString()).isTrue();
        assertThat(summaryVersion(id)).isEqualTo(h.version());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM query.event_delivery WHERE case_id = :id", Map.of("id", id), Long.class))
                .isEqualTo(h.version() + 1);
    }

    @Test
    void aReplayAskedForWhileALiveBatchIsOpenSumsTheTablesOnceItLands() throws Exception {
        CaseHistory h = newCase(ReplayGate.PREFIX + "batch");
        String id = h.caseId();
        h.record(opened(id, "State v. Open Batch (fictional)", "ID", "FBI", "o-1", "Officer Open", "2020-01-01"));
        awaitProjected(h);

        // a step recorded just before the replay is asked for, its live batch not yet committed
        ReplayGate.close(1);
        CompletableFuture<Integer> started;
        try {
            h.record(statement(id, "A. Spokesman (fictional)", "just before the replay", "2020-02-01"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(ReplayGate::holdsABatch);
            started = CompletableFuture.supplyAsync(() -> post("/api/admin/replay").statusCode());
            CompletableFuture<Integer> asked = started;
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(asked).as("the replay waits for the batch in flight").isNotDone());
        } finally {
            ReplayGate.open();
        }
        assertThat(started.get(30, TimeUnit.SECONDS)).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(getJson("/api/admin/replay").path("state").asText()).isEqualTo("DONE"));
        JsonNode done = getJson("/api/admin/replay");
        assertThat(done.path("checksumsEqual").asBoolean()).as("the sums before include the step that was in flight: " + done)
                .isTrue();
        assertThat(summaryVersion(id)).isEqualTo(h.version());
    }
}
