package casetrack.query.replay;

import java.net.http.HttpResponse;
import java.time.Duration;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay's start waits for the live projections' batch in flight only so long
 * ({@code casetrack.query.replay.stop-wait}, 5 s in the tests): a batch still running then (held by
 * {@link ReplayGate}, as a lock or a stuck handler would) gets the request a 503 problem instead of a
 * request that hangs, nothing is reset, and the live projections go on by themselves once the batch
 * is done; a replay asked for then runs.
 */
class ReplayStopWaitTest extends QuerySideTest {

    @Test
    void aReplayWhoseLiveBatchDoesNotLandInTimeIsRefusedAndTheLiveProjectionsGoOn() {
        CaseHistory h = newCase(ReplayGate.PREFIX + "slow");
        String id = h.caseId();
        h.record(opened(id, "State v. Slow Batch (fictional)", "ID", "FBI", "o-1", "Officer Slow", "2020-01-01"));
        awaitProjected(h);
        String stateBefore = getJson("/api/admin/replay").path("state").asText();

        ReplayGate.close(1);
        try {
            h.record(statement(id, "A. Spokesman (fictional)", "held in a live batch", "2020-02-01"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(ReplayGate::holdsABatch);

            long asked = System.nanoTime();
            HttpResponse<String> refused = post("/api/admin/replay");
            Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode problem = json(refused);
            assertThat(problem.path("type").asText()).isEqualTo("urn:casetrack:problem:replay-not-started");
            assertThat(problem.path("detail").asText()).contains("did not stop within 5 s");
            // the stop was waited for (not refused at once), and not for the gate's own half minute
            assertThat(answeredIn).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(20));
            assertThat(ReplayGate.holdsABatch()).as("the live batch is still held").isTrue();
            assertThat(getJson("/api/admin/replay").path("state").asText()).as("no replay was started").isEqualTo(stateBefore);
        } finally {
            ReplayGate.open();
        }

        // the held batch lands, and the live projections, started again by themselves, take in a new step
        awaitProjected(h);
        h.record(statement(id, "A. Spokesman (fictional)", "after the refused replay", "2020-02-02"));
        awaitProjected(h);

        // a replay asked for now runs, over every event
        HttpResponse<String> started = post("/api/admin/replay");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(getJson("/api/admin/replay").path("state").asText()).isEqualTo("DONE"));
        JsonNode done = getJson("/api/admin/replay");
        assertThat(done.path("checksumsEqual").asBoolean()).as(done.toString()).isTrue();
        assertThat(summaryVersion(id)).isEqualTo(h.version());
    }
}
