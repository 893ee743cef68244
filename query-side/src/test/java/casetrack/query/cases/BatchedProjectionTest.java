package casetrack.query.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import casetrack.query.store.AxonStoreConfiguration;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.EventJson;
import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.PublicStatementMade;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.ProceedingKind;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections write per processor batch: the steps of a batch are folded in memory and written
 * when the batch commits, with the token. Whatever the batches, the rows must be those of handling
 * the steps one at a time, and a batch that fails must leave nothing of itself behind.
 */
class BatchedProjectionTest extends QuerySideTest {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private CaseSummaryProjection summaries;
    @Autowired
    private TimelineProjection timeline;
    @Autowired
    private TransactionManager transactionManager;

    /** A case's history in which later steps correct and retract earlier ones; {@code id(n)} is the event id of step n. */
    private static List<CaseEvent> script(String caseId, Function<Integer, String> id) {
        Proceeding immunity = new Proceeding(ProceedingKind.IMMUNITY_CLAIM, "claim-1");
        return List.of(
                opened(caseId, "State v. Batch", "ID", "FBI", "officer-1", "Officer One", "2024-01-01"),
                charged(caseId, "charge-1", "2024-02-01"),
                arraigned(caseId, "2024-02-10"),
                hearingScheduled(caseId, "hearing-1", HearingKind.IMMUNITY, immunity, D_IDAHO, LocalDate.parse("2031-04-15"), "2024-02-20"),
                statement(caseId, "A. Spokesman", "first statement", "2024-02-21"),
                corrected(caseId, id.apply(2), "arraigned two days later", "2024-02-12", null, null, "2024-03-01"),
                statement(caseId, "A. Spokesman", "second statement", "2024-03-02"),
                retracted(caseId, id.apply(4), "never said", "2024-03-03"),
                immunityAsserted(caseId, "claim-1", "2024-03-20"),
                corrected(caseId, id.apply(6), "the quote was longer", null, null, "with a note", "2024-03-21"),
                corrected(caseId, id.apply(2), "arraigned three days later", "2024-02-13", null, null, "2024-03-22"),
                statement(caseId, "A. Spokesman", "third statement", "2024-03-23"));
    }

    private static String eventId(CaseHistory h, int step) {
        return h.caseId() + "-step-" + step;
    }

    @Test
    void stepsOfSeveralCasesInOneBatchWriteWhatStepByStepHandlingWrites() {
        StreamingEventProcessor processor = processor();
        processor.shutDown();
        CaseHistory together = newCase("batch-a");
        CaseHistory alongside = newCase("batch-b");
        CaseHistory oneByOne = newCase("single");
        try {
            List<CaseEvent> a = script(together.caseId(), n -> eventId(together, n));
            List<CaseEvent> b = script(alongside.caseId(), n -> eventId(alongside, n));
            List<CaseEvent> c = script(oneByOne.caseId(), n -> eventId(oneByOne, n));
            for (int n = 0; n < a.size(); n++) {
                // the two batched cases alternate, so the batch interleaves their steps
                together.record(List.of(eventId(together, n)), List.of(a.get(n)));
                alongside.record(List.of(eventId(alongside, n)), List.of(b.get(n)));
            }
            oneByOne.record(java.util.stream.IntStream.range(0, c.size()).mapToObj(n -> eventId(oneByOne, n)).toList(), c);

            handleInOneBatch(recorded(together, alongside));
            for (TrackedEventMessage<?> step : recorded(oneByOne)) {
                handleInOneBatch(List.of(step));
            }

            assertThat(summaryVersion(together.caseId())).isEqualTo(together.version());
            assertThat(timelineRows(together)).hasSize(a.size()).isEqualTo(timelineRows(oneByOne));
            assertThat(timelineRows(alongside)).isEqualTo(timelineRows(oneByOne));
            assertThat(summaryRow(together)).isEqualTo(summaryRow(oneByOne));
            assertThat(summaryRow(alongside)).isEqualTo(summaryRow(oneByOne));
            assertThat(calendar(together)).isEqualTo(calendar(oneByOne)).isNotEmpty();
            assertThat(calendar(alongside)).isEqualTo(calendar(oneByOne));
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM query.timeline_entry WHERE case_id IN (:a, :b)",
                    Map.of("a", together.caseId(), "b", alongside.caseId()), Long.class))
                    .as("both cases' rows written by one transaction").isEqualTo(1);

            // the fold of the batch is the fold of all the steps from scratch
            List<Step> steps = recorded(together).stream().<Step>map(Step::of).toList();
            assertThat(storedFile(together)).isEqualTo(json(CaseReconstruction.fold(steps)));
            // the correction and the retraction inside the batch reached their rows
            assertThat(jdbc.queryForMap("SELECT occurred_on, original_occurred_on, correction_reason FROM query.timeline_entry "
                    + "WHERE event_id = :id", Map.of("id", eventId(together, 2))))
                    .containsEntry("occurred_on", "2024-02-13").containsEntry("original_occurred_on", "2024-02-10")
                    .containsEntry("correction_reason", "arraigned three days later");
            assertThat(jdbc.queryForObject("SELECT retracted FROM query.timeline_entry WHERE event_id = :id",
                    Map.of("id", eventId(together, 4)), Boolean.class)).isTrue();
            assertThat(jdbc.queryForObject("SELECT summary FROM query.timeline_entry WHERE event_id = :id",
                    Map.of("id", eventId(together, 5)), String.class)).startsWith("Corrected “").doesNotContain("entry " + eventId(together, 2));
        } finally {
            processor.start();
        }
        // the processor now delivers the same steps again, in its own batches: nothing changes
        List<Map<String, Object>> before = timelineRows(together);
        String fileBefore = storedFile(together);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(together).size() == together.version() + 1
                && deliveries(oneByOne).size() == oneByOne.version() + 1);
        assertThat(timelineRows(together)).isEqualTo(before);
        assertThat(storedFile(together)).isEqualTo(fileBefore);
    }

    @Test
    void aBatchThatFailsWhenItCommitsLeavesNothingOfItselfAndIsRetriedWhole() {
        jdbc.getJdbcTemplate().execute("""
                CREATE SEQUENCE query.test_poisoned_attempts;
                CREATE FUNCTION query.test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM nextval('query.test_poisoned_attempts');
                    RAISE EXCEPTION 'poisoned step %', NEW.event_id;
                END $$;
                CREATE TRIGGER test_poison BEFORE INSERT ON query.timeline_entry
                    FOR EACH ROW WHEN (NEW.note = 'poison') EXECUTE FUNCTION query.test_poison();
                """);
        CaseHistory h = newCase("poison");
        String id = h.caseId();
        StreamingEventProcessor processor = processor();
        try {
            processor.shutDown();
            h.record(opened(id, "State v. Poison", "ID", "FBI", "officer-1", "Officer One", "2024-01-01"),
                    charged(id, "charge-1", "2024-02-01"),
                    arraigned(id, "2024-02-10"),
                    hearingScheduled(id, "hearing-1", HearingKind.IMMUNITY, new Proceeding(ProceedingKind.IMMUNITY_CLAIM, "claim-1"),
                            D_IDAHO, LocalDate.parse("2031-04-15"), "2024-02-20"),
                    new PublicStatementMade(id, "A. Spokesman", "spokesman", "poisoned", "press release", on("2024-02-21"),
                            source("https://example.org/fictional"), "poison", null),
                    statement(id, "A. Spokesman", "after the poison", "2024-02-22"));
            processor.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jdbc.getJdbcTemplate().queryForObject(
                            "SELECT coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = 'query' AND sequencename = 'test_poisoned_attempts'", Long.class) >= 2);

            // whatever committed before the failing batch is one consistent cut: summary, timeline,
            // calendar and delivery count agree on a version below the poisoned step (sequence 4)
            long version = summaryVersion(id);
            assertThat(version).isLessThan(4);
            List<Long> upToVersion = java.util.stream.LongStream.rangeClosed(0, version).boxed().toList();
            assertThat(jdbc.queryForList("SELECT sequence FROM query.timeline_entry WHERE case_id = :id ORDER BY sequence",
                    Map.of("id", id), Long.class)).isEqualTo(upToVersion);
            assertThat(deliveries(h)).hasSize(upToVersion.size()).allMatch(d -> d == 1);
            assertThat(calendar(h)).hasSize(version >= 3 ? 2 : version >= 2 ? 1 : 0);
        } finally {
            jdbc.getJdbcTemplate().execute("""
                    DROP TRIGGER test_poison ON query.timeline_entry;
                    DROP FUNCTION query.test_poison();
                    DROP SEQUENCE query.test_poisoned_attempts;
                    """);
        }
        // the retried batch takes every step, each exactly once: no token moved without its rows
        awaitProjected(h);
        assertThat(deliveries(h)).hasSize(6).allMatch(d -> d == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM query.timeline_entry WHERE case_id = :id", Map.of("id", id), Long.class))
                .isEqualTo(6);
        assertThat(calendar(h)).hasSize(2);
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(AxonStoreConfiguration.PROJECTIONS, StreamingEventProcessor.class).orElseThrow();
    }

    /** The recorded steps of these cases as the processor reads them (with their global index), in store order. */
    private List<TrackedEventMessage<?>> recorded(CaseHistory... cases) {
        List<String> ids = java.util.Arrays.stream(cases).map(CaseHistory::caseId).toList();
        long first = jdbc.queryForObject("SELECT min(global_index) FROM events.domain_event_entry WHERE aggregate_identifier IN (:ids)",
                Map.of("ids", ids), Long.class);
        long count = jdbc.queryForObject("SELECT count(*) FROM events.domain_event_entry WHERE aggregate_identifier IN (:ids)",
                Map.of("ids", ids), Long.class);
        List<TrackedEventMessage<?>> steps = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                     eventStore.openStream(GapAwareTrackingToken.newInstance(first - 1, Collections.emptySortedSet()))) {
            while (steps.size() < count) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (message instanceof org.axonframework.eventhandling.DomainEventMessage<?> d && ids.contains(d.getAggregateIdentifier())) {
                    steps.add(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return steps;
    }

    /** Hands these steps to the summary and the timeline as one processor batch would, in one transaction. */
    private void handleInOneBatch(List<TrackedEventMessage<?>> steps) {
        BatchingUnitOfWork<TrackedEventMessage<?>> batch = new BatchingUnitOfWork<>(steps);
        batch.attachTransaction(transactionManager);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            TrackedEventMessage<?> message = batch.getMessage();
            summaries.on((CaseEvent) message.getPayload(), message);
            timeline.on((CaseEvent) message.getPayload(), message);
            return null;
        });
        assertThat(result.isExceptional()).as(() -> String.valueOf(result.optionalExceptionResult())).isFalse();
    }

    /** The case's timeline, with the case id (which every event id here contains) and the store position left out. */
    private List<Map<String, Object>> timelineRows(CaseHistory h) {
        return jdbc.queryForList("""
                SELECT replace((to_jsonb(t) - 'global_index' - 'correlation_id' - 'search')::text, :id, 'CASE') AS row
                FROM query.timeline_entry t WHERE case_id = :id ORDER BY sequence
                """, Map.of("id", h.caseId()));
    }

    private Map<String, Object> summaryRow(CaseHistory h) {
        return jdbc.queryForMap("""
                SELECT replace((to_jsonb(s) - 'last_global_index')::text, :id, 'CASE') AS row
                FROM query.case_summary s WHERE case_id = :id
                """, Map.of("id", h.caseId()));
    }

    private List<Map<String, Object>> calendar(CaseHistory h) {
        return jdbc.queryForList("SELECT entry_key, kind, due_on, description FROM query.calendar_entry WHERE case_id = :id ORDER BY entry_key",
                Map.of("id", h.caseId()));
    }

    private List<Integer> deliveries(CaseHistory h) {
        return jdbc.queryForList("SELECT deliveries FROM query.event_delivery WHERE case_id = :id", Map.of("id", h.caseId()), Integer.class);
    }

    private String storedFile(CaseHistory h) {
        return jdbc.queryForObject("SELECT file::text FROM query.case_summary WHERE case_id = :id", Map.of("id", h.caseId()), String.class);
    }

    /** A file as PostgreSQL's jsonb would print it, so two files compare by content. */
    private String json(CaseFile file) {
        try {
            return jdbc.queryForObject("SELECT CAST(:json AS jsonb)::text", Map.of("json", EventJson.newMapper().writeValueAsString(file)),
                    String.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
