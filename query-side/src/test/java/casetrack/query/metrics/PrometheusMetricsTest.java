package casetrack.query.metrics;

import casetrack.query.support.CaseHistory;
import casetrack.query.store.AxonStoreConfiguration;
import casetrack.query.support.QuerySideTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static casetrack.query.support.Steps.charged;
import static casetrack.query.support.Steps.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /actuator/prometheus (auditors only) shows each segment's lag, the store's head and replay progress, and they move. */
class PrometheusMetricsTest extends QuerySideTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void lagPerSegmentFollowsTheStoreAndReplayProgressIsReported() {
        CaseHistory h = newCase("metrics");
        h.record(opened(h.caseId(), "State v. Metrics", "ID", "FBI", "o-1", "Officer Metrics", "2020-01-01"),
                charged(h.caseId(), "charge-1", "2020-02-01"));
        long newest = jdbc.getJdbcTemplate().queryForObject("SELECT max(global_index) FROM events.domain_event_entry", Long.class);
        awaitProjected(h);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(samples(scrape, "casetrack_projection_head_global_index")).containsValue((double) newest);
            Map<String, Double> lag = samples(scrape, "casetrack_projection_lag_events");
            long segments = jdbc.getJdbcTemplate().queryForObject(
                    "SELECT count(*) FROM query.token_entry WHERE processor_name = 'case-projections'", Long.class);
            assertThat(segments).isPositive();
            assertThat(lag.keySet()).as("one gauge per segment: " + scrape).hasSize((int) segments)
                    .allSatisfy(labels -> assertThat(labels).contains("processor=\"case-projections\"", "segment=\""));
            assertThat(lag.values()).as("caught up: every segment's token is at the head").allSatisfy(v -> assertThat(v).isZero());
        });

        assertThat(post("/api/admin/replay").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> getJson("/api/admin/replay").path("state").asText().equals("DONE"));
        String scrape = scrape();
        assertThat(samples(scrape, "casetrack_replay_running")).containsExactly(Map.entry("", 0.0));
        assertThat(samples(scrape, "casetrack_replay_events_expected").values()).singleElement().satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(samples(scrape, "casetrack_replay_events_done")).isEqualTo(samples(scrape, "casetrack_replay_events_expected"));
        assertThat(samples(scrape, "casetrack_replay_progress_ratio")).containsValue(1.0);
        // Axon's processor monitors (axon-micrometer, untagged, named after the processor) are there too,
        // and counted the events the replay handled
        assertThat(samples(scrape, "case_projections_successCounter_total").values()).singleElement()
                .satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(scrape).contains("case_projections_latency", "case_projections_capacity",
                "case_projections_allTimer_seconds{quantile=\"0.99\"}", "case_projections_ingestedCounter_total");
        // and they come from the monitor that looks its meters up once (ProjectionMonitorTest: the same meters as Axon's)
        assertThat(processing.messageMonitor(PooledStreamingEventProcessor.class, AxonStoreConfiguration.PROJECTIONS))
                .isInstanceOf(ProjectionMonitor.class);
    }

    /**
     * Micrometer's log-event counter is a Logback turbo filter, which every isDebugEnabled and
     * isTraceEnabled call of every library on the request and projection paths then consults; it is
     * left out (application.properties), so a level check stays a comparison.
     */
    @Test
    void noTurboFilterSitsOnEveryLevelCheck() {
        assertThat(((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getTurboFilterList())
                .isEmpty();
        assertThat(scrape()).doesNotContain("logback_events");
    }

    @Test
    void onlyAuditorsMayScrape() {
        assertThat(send("GET", "/actuator/prometheus", READER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
    }

    private String scrape() {
        HttpResponse<String> r = send("GET", "/actuator/prometheus", AUDITOR_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** Every sample of {@code metric}: labels (or "" without labels) to value. */
    private static Map<String, Double> samples(String scrape, String metric) {
        Map<String, Double> out = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{([^}]*)})? (\\S+)$").matcher(scrape);
        while (m.find()) {
            out.put(m.group(1) == null ? "" : m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
