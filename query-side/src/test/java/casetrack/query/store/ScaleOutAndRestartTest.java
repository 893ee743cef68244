package casetrack.query.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import casetrack.query.QuerySideApplication;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Query nodes as separate Spring contexts on a database of their own: two nodes share the
 * segments and handle every event exactly once; a node that stops and starts again resumes from
 * its tokens.
 */
class ScaleOutAndRestartTest {

    private static ConfigurableApplicationContext node(String database, String nodeId, int maxSegments) {
        // command-line arguments, so they win over application.properties as a deployment's would
        return new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--spring.datasource.url=" + TestDatabase.url(database),
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=",
                "--spring.main.web-application-type=none",
                "--spring.jmx.enabled=false",
                "--casetrack.query.node-id=" + nodeId,
                "--casetrack.query.max-claimed-segments=" + maxSegments,
                // four segments, so two nodes of at most two each both have work (the default is two)
                "--axon.eventhandling.processors.case-projections.initial-segment-count=4",
                "--axon.eventhandling.processors.case-projections.token-claim-interval=200");
    }

    private static List<CaseHistory> record(ConfigurableApplicationContext writer, int cases, int stepsEach) {
        EventStore store = writer.getBean(EventStore.class);
        List<CaseHistory> histories = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            CaseHistory h = new CaseHistory("case-" + java.util.UUID.randomUUID().toString().substring(0, 8), store::publish);
            h.record(opened(h.caseId(), "State v. " + i, "ID", "FBI", "o-1", "Officer " + i, "2020-01-01"));
            for (int s = 1; s < stepsEach; s++) {
                h.record(statement(h.caseId(), "Spokesman", "statement " + s, "2020-02-01"));
            }
            histories.add(h);
        }
        return histories;
    }

    private static void awaitAll(JdbcTemplate jdbc, List<CaseHistory> histories) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (CaseHistory h : histories) {
                assertThat(jdbc.queryForList("SELECT version FROM query.case_summary WHERE case_id = ?", Long.class, h.caseId()))
                        .as(h.caseId()).containsExactly(h.version());
            }
        });
    }

    private static void assertEveryEventHandledOnce(JdbcTemplate jdbc) {
        long events = jdbc.queryForObject("SELECT count(*) FROM events.domain_event_entry", Long.class);
        Map<String, Object> deliveries = jdbc.queryForMap(
                "SELECT count(*) AS events, coalesce(max(deliveries), 0) AS most FROM query.event_delivery");
        assertThat(((Number) deliveries.get("events")).longValue()).isEqualTo(events);
        assertThat(((Number) deliveries.get("most")).intValue()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM query.timeline_entry", Long.class)).isEqualTo(events);
    }

    @Test
    void twoNodesSplitTheSegmentsAndHandleEveryEventExactlyOnce() {
        try (ConfigurableApplicationContext a = node("twonodes", "node-a", 2);
             ConfigurableApplicationContext b = node("twonodes", "node-b", 2)) {
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "SELECT DISTINCT owner FROM query.token_entry WHERE owner IS NOT NULL ORDER BY owner", String.class))
                    .containsExactly("node-a", "node-b"));
            List<CaseHistory> histories = record(b, 24, 4);
            awaitAll(jdbc, histories);
            assertEveryEventHandledOnce(jdbc);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM query.token_entry WHERE owner = 'node-a'", Long.class)).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM query.token_entry WHERE owner = 'node-b'", Long.class)).isEqualTo(2);
        }
    }

    /**
     * A node keeps the files of the cases it folded; when another node has taken steps of a case in
     * the meantime (it held the case's segment), the first node must not fold the next step into its
     * outdated copy but read the case as stored.
     */
    @Test
    void aNodeThatGetsACaseBackAfterAnotherNodeTookStepsOfItReadsTheCaseAsStored() {
        try (ConfigurableApplicationContext a = node("handover", "node-a", Integer.MAX_VALUE)) {
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            StreamingEventProcessor onA = processor(a);
            CaseHistory h = new CaseHistory("handover-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                    a.getBean(EventStore.class)::publish);
            String id = h.caseId();
            h.record(opened(id, "State v. Handover", "ID", "FBI", "officer-1", "Officer One", "2024-01-01"));
            h.record(statement(id, "A. Spokesman", "first", "2024-01-02"));
            awaitAll(jdbc, List.of(h));
            assertThat(a.getBean(casetrack.query.cases.CaseFilesInBatch.class).isKept(id)).as("node a keeps the case's file").isTrue();

            onA.shutDown();
            try (ConfigurableApplicationContext b = node("handover", "node-b", Integer.MAX_VALUE)) {
                h.record(charged(id, "charge-1", "2024-02-01"));
                h.record(arraigned(id, "2024-02-10"));
                awaitAll(jdbc, List.of(h));
                processor(b).shutDown();
            }
            onA.start();
            h.record(statement(id, "A. Spokesman", "second", "2024-02-11"));
            awaitAll(jdbc, List.of(h));

            // node a's copy (version 1) knew nothing of the charge and the arraignment node b folded in
            assertThat(jdbc.queryForObject("SELECT stage FROM query.case_summary WHERE case_id = ?", String.class, id))
                    .isEqualTo("CHARGED");
            assertThat(jdbc.queryForObject("SELECT (file -> 'charges' -> 'charge-1') IS NOT NULL FROM query.case_summary WHERE case_id = ?",
                    Boolean.class, id)).isTrue();
            assertThat(jdbc.queryForObject("SELECT removal_deadline FROM query.case_summary WHERE case_id = ?", java.sql.Date.class, id))
                    .hasToString("2024-03-11");
            assertEveryEventHandledOnce(jdbc);
        }
    }

    private static StreamingEventProcessor processor(ConfigurableApplicationContext node) {
        return node.getBean(EventProcessingConfiguration.class)
                .eventProcessor(AxonStoreConfiguration.PROJECTIONS, StreamingEventProcessor.class).orElseThrow();
    }

    @Test
    void aRestartedNodeResumesFromItsTokensWithoutLossOrDuplicates() {
        List<CaseHistory> histories = new ArrayList<>();
        try (ConfigurableApplicationContext first = node("restart", "node-1", Integer.MAX_VALUE)) {
            histories.addAll(record(first, 6, 3));
            awaitAll(first.getBean(JdbcTemplate.class), histories);
        }
        try (ConfigurableApplicationContext second = node("restart", "node-1", Integer.MAX_VALUE)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            histories.addAll(record(second, 6, 3));
            awaitAll(jdbc, histories);
            assertEveryEventHandledOnce(jdbc);
        }
    }
}
