package casetrack.query.cases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import casetrack.query.store.AxonStoreConfiguration;
import casetrack.shared.EventJson;
import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.EntryCorrected;
import casetrack.shared.event.EntryRetracted;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The timeline: one row per recorded step in {@code query.timeline_entry}. A correction rewrites
 * the corrected row's date, sources or note and keeps the first original values beside them; a
 * retraction marks its row. Both also appear as rows of their own. Idempotent on the event id.
 * <p>
 * Written per processor batch: the rows of a batch go in with one batched insert when the batch
 * commits (in the token's transaction), then the corrections and retractions of rows newly
 * inserted, in order. Names of defendants and charges come from the batch's in-memory case file
 * ({@link CaseFilesInBatch}), folded up to and including the step described.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class TimelineProjection {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String PENDING = TimelineProjection.class.getName() + ".rows";

    private final NamedParameterJdbcTemplate jdbc;
    private final CaseFilesInBatch files;

    public TimelineProjection(NamedParameterJdbcTemplate jdbc, CaseFilesInBatch files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** A row to insert, and what it does to an earlier row if it is new. */
    private record Row(String eventId, MapSqlParameterSource values, MapSqlParameterSource correction,
                       MapSqlParameterSource retraction) {
    }

    /** The rows of one batch, in order, and the summary of each, for corrections of a step in the same batch. */
    private static final class Pending {
        final List<Row> rows = new ArrayList<>();
        final Map<String, String> summaries = new HashMap<>();
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message) {
        CaseFilesInBatch.inUnitOfWork(message, () -> record(event, Step.of(message)));
    }

    private void record(CaseEvent event, Step step) {
        Pending pending = pending();
        files.fold(step);
        CaseDirectory names = files.file(step.caseId());
        String summary = StepSummaries.describe(event, names);
        MapSqlParameterSource correction = null;
        MapSqlParameterSource retraction = null;
        if (event instanceof EntryCorrected c) {
            summary = "Corrected “" + targetSummary(pending, step.caseId(), c.entryId()) + "”: " + c.reason();
            correction = correction(step, c);
        } else if (event instanceof EntryRetracted r) {
            summary = "Retracted “" + targetSummary(pending, step.caseId(), r.entryId()) + "”: " + r.reason();
            retraction = new MapSqlParameterSource(Map.of("reason", r.reason(), "by", step.eventId(),
                    "entryId", r.entryId(), "caseId", step.caseId()));
        }
        PartialDate on = event.occurredOn();
        pending.summaries.put(step.eventId(), summary);
        pending.rows.add(new Row(step.eventId(), new MapSqlParameterSource()
                .addValue("eventId", step.eventId())
                .addValue("caseId", step.caseId())
                .addValue("sequence", step.sequence())
                .addValue("globalIndex", step.globalIndex())
                .addValue("type", step.type())
                .addValue("occurredOn", on.toString())
                .addValue("occurredFrom", on.earliest())
                .addValue("precision", on.precision().name())
                .addValue("precisionRank", on.precision().ordinal())
                .addValue("summary", summary)
                .addValue("sources", json(event.sources()))
                .addValue("note", event.note())
                .addValue("dateConflict", event.dateConflict())
                .addValue("recordedAt", OffsetDateTime.ofInstant(step.recordedAt(), ZoneOffset.UTC))
                .addValue("recordedBy", step.recordedBy())
                .addValue("correlationId", step.correlationId())
                .addValue("commandName", step.commandName()), correction, retraction));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE query.timeline_entry");
    }

    /** This batch's rows; the first call in a batch arranges for them to be written when it commits. */
    private Pending pending() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> write(pending.rows));
            return pending;
        });
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] inserted = jdbc.batchUpdate("""
                INSERT INTO query.timeline_entry (event_id, case_id, sequence, global_index, event_type, occurred_on,
                    occurred_from, precision, precision_rank, summary, sources, note, date_conflict, recorded_at,
                    recorded_by, correlation_id, command_name)
                -- the event's own index, read from the store: a stream token's position is the highest index
                -- seen, which is above this event's when it fills a gap left by a later commit (live processing
                -- under concurrent writers only; a replay has no gaps), so rows would differ from a rebuild
                VALUES (:eventId, :caseId, :sequence,
                    coalesce((SELECT e.global_index FROM events.domain_event_entry e WHERE e.event_identifier = :eventId), :globalIndex),
                    :type, :occurredOn, :occurredFrom, :precision,
                    :precisionRank, :summary, CAST(:sources AS jsonb), :note, :dateConflict, :recordedAt,
                    :recordedBy, :correlationId, :commandName)
                ON CONFLICT (event_id) DO NOTHING
                """, rows.stream().map(Row::values).toArray(MapSqlParameterSource[]::new));
        // a row already there (a step seen before) changes nothing, nor do its correction or retraction;
        // a driver that cannot count batched rows (SUCCESS_NO_INFO) counts as inserted: reapplying is harmless
        List<MapSqlParameterSource> corrections = new ArrayList<>();
        List<MapSqlParameterSource> retractions = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (inserted[i] == 0) {
                continue;
            }
            if (rows.get(i).correction() != null) {
                corrections.add(rows.get(i).correction());
            }
            if (rows.get(i).retraction() != null) {
                retractions.add(rows.get(i).retraction());
            }
        }
        if (!corrections.isEmpty()) {
            // every right-hand side sees the row before the update: the originals are kept only once
            jdbc.batchUpdate("""
                    UPDATE query.timeline_entry SET
                        original_occurred_on = CASE WHEN corrected THEN original_occurred_on ELSE occurred_on END,
                        original_sources = CASE WHEN corrected THEN original_sources ELSE sources END,
                        original_note = CASE WHEN corrected THEN original_note ELSE note END,
                        occurred_on = COALESCE(:occurredOn, occurred_on),
                        occurred_from = COALESCE(:occurredFrom, occurred_from),
                        precision = COALESCE(:precision, precision),
                        precision_rank = COALESCE(:precisionRank, precision_rank),
                        sources = COALESCE(CAST(:sources AS jsonb), sources),
                        note = COALESCE(:note, note),
                        corrected = TRUE, correction_reason = :reason, corrected_by = :by
                    WHERE event_id = :entryId AND case_id = :caseId
                    """, corrections.toArray(MapSqlParameterSource[]::new));
        }
        if (!retractions.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE query.timeline_entry
                    SET retracted = TRUE, retraction_reason = :reason, retracted_by = :by
                    WHERE event_id = :entryId AND case_id = :caseId
                    """, retractions.toArray(MapSqlParameterSource[]::new));
        }
    }

    private static MapSqlParameterSource correction(Step step, EntryCorrected c) {
        PartialDate date = c.correctedOccurredOn();
        return new MapSqlParameterSource()
                .addValue("occurredOn", date == null ? null : date.toString())
                .addValue("occurredFrom", date == null ? null : date.earliest(), java.sql.Types.DATE)
                .addValue("precision", date == null ? null : date.precision().name())
                .addValue("precisionRank", date == null ? null : date.precision().ordinal(), java.sql.Types.SMALLINT)
                .addValue("sources", c.correctedSources() == null || c.correctedSources().isEmpty() ? null : json(c.correctedSources()))
                .addValue("note", c.correctedNote())
                .addValue("reason", c.reason())
                .addValue("by", step.eventId())
                .addValue("entryId", c.entryId())
                .addValue("caseId", step.caseId());
    }

    /** The summary of the step a correction or retraction is about: from this batch, or as stored. */
    private String targetSummary(Pending pending, String caseId, String entryId) {
        String inBatch = pending.summaries.get(entryId);
        if (inBatch != null) {
            return inBatch;
        }
        return jdbc.queryForList("SELECT summary FROM query.timeline_entry WHERE event_id = :entryId AND case_id = :caseId",
                Map.of("entryId", entryId, "caseId", caseId), String.class).stream().findFirst().orElse("entry " + entryId);
    }

    private static String json(List<Source> sources) {
        try {
            return JSON.writeValueAsString(sources == null ? List.of() : sources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sources", e);
        }
    }
}
