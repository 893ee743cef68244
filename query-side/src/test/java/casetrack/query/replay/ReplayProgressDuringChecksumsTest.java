package casetrack.query.replay;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checksums of the rebuilt tables read every projection table (half a minute at 1,000,000
 * events); meanwhile the replay's progress still answers at once: RUNNING, with the moment the
 * tables were rebuilt. Here the checksums after the rebuild wait until the test lets them go.
 * <p>
 * The held checksums make this class's Spring context one of its own, on the shared database and
 * with the shared node id: its processor would otherwise live on in Spring's context cache beside
 * the shared context's, both taking in every later class's events on the same tables, so that a
 * later test could see its steps projected by this one while the shared processor still lagged
 * ({@link ReplayLastBatchTest} then waited on a held batch of the lagging processor). Closed after
 * the class.
 */
@DirtiesContext
class ReplayProgressDuringChecksumsTest extends QuerySideTest {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @TestConfiguration
    static class HeldChecksums {
        @Bean
        @Primary
        ProjectionChecksums heldChecksums(JdbcTemplate jdbc) {
            AtomicInteger calls = new AtomicInteger();
            return new ProjectionChecksums(jdbc) {
                @Override
                public Map<String, String> all() {
                    if (calls.incrementAndGet() == 2) { // the first is taken before the replay, the second after it
                        try {
                            RELEASE.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return super.all();
                }
            };
        }
    }

    @Test
    void theProgressAnswersWhileTheChecksumsOfTheRebuiltTablesAreComputed() throws Exception {
        CaseHistory h = newCase("held");
        String id = h.caseId();
        h.record(opened(id, "State v. Held (fictional)", "ID", "FBI", "o-1", "Officer Held", "2020-01-01"),
                charged(id, "charge-1", "2020-02-01"));
        awaitProjected(h);
        awaitQuiet();

        assertThat(post("/api/admin/replay").statusCode()).isEqualTo(202);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                JsonNode progress = CompletableFuture.supplyAsync(() -> getJson("/api/admin/replay")).get(3, TimeUnit.SECONDS);
                assertThat(progress.hasNonNull("rebuiltAt")).as(progress.toString()).isTrue();
                assertThat(progress.path("state").asText()).isEqualTo("RUNNING");
                assertThat(progress.hasNonNull("finishedAt")).isFalse();
            });
        } finally {
            RELEASE.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(getJson("/api/admin/replay").path("state").asText()).isEqualTo("DONE"));
        assertThat(getJson("/api/admin/replay").path("checksumsEqual").asBoolean()).isTrue();
    }

    /**
     * Every event in the store delivered to the projections and no delivery counted for half a second:
     * this class has a context of its own, so the shared test context's processor (the same node id, on
     * the same tables) may still be taking in earlier classes' events, or this one's, and a batch of it
     * committing after the replay's checksums before would make the two differ.
     */
    private void awaitQuiet() {
        JdbcTemplate sql = jdbc.getJdbcTemplate();
        long[] last = {-1, 0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long events = sql.queryForObject("SELECT count(*) FROM events.domain_event_entry", Long.class);
            Map<String, Object> deliveries = sql.queryForMap(
                    "SELECT count(*) AS events, coalesce(sum(deliveries), 0) AS deliveries FROM query.event_delivery");
            long counted = ((Number) deliveries.get("deliveries")).longValue();
            if (((Number) deliveries.get("events")).longValue() != events || counted != last[0]) {
                last[0] = counted;
                last[1] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - last[1] > Duration.ofMillis(500).toNanos();
        });
    }
}
