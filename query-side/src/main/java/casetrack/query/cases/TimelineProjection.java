package casetrack.query.cases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The timeline: one row per recorded step in {@code query.timeline_entry}. A correction rewrites
 * the corrected row's date, sources or note and keeps the first original values beside them; a
 * retraction marks its row. Both also appear as rows of their own. Idempotent on the event id.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class TimelineProjection {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final NamedParameterJdbcTemplate jdbc;
    private final CaseSummaryProjection summaries;

    public TimelineProjection(NamedParameterJdbcTemplate jdbc, CaseSummaryProjection summaries) {
        this.jdbc = jdbc;
        this.summaries = summaries;
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message) {
        Step step = Step.of(message);
        // names of defendants and charges come from earlier steps of the same case, which the
        // summary has folded before this one (one case's steps are handled in order, in one segment)
        CaseDirectory names = summaries.load(step.caseId()).map(f -> (CaseDirectory) f).orElseGet(CaseFile::new);
        String summary = StepSummaries.describe(event, names);
        if (event instanceof EntryCorrected c) {
            summary = "Corrected “" + targetSummary(step.caseId(), c.entryId()) + "”: " + c.reason();
        } else if (event instanceof EntryRetracted r) {
            summary = "Retracted “" + targetSummary(step.caseId(), r.entryId()) + "”: " + r.reason();
        }
        PartialDate on = event.occurredOn();
        int inserted = jdbc.update("""
                INSERT INTO query.timeline_entry (event_id, case_id, sequence, global_index, event_type, occurred_on,
                    occurred_from, precision, precision_rank, summary, sources, note, date_conflict, recorded_at,
                    recorded_by, correlation_id, command_name)
                VALUES (:eventId, :caseId, :sequence, :globalIndex, :type, :occurredOn, :occurredFrom, :precision,
                    :precisionRank, :summary, CAST(:sources AS jsonb), :note, :dateConflict, :recordedAt,
                    :recordedBy, :correlationId, :commandName)
                ON CONFLICT (event_id) DO NOTHING
                """, new MapSqlParameterSource()
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
                .addValue("commandName", step.commandName()));
        if (inserted == 0) {
            return;
        }
        if (event instanceof EntryCorrected c) {
            correct(step, c);
        } else if (event instanceof EntryRetracted r) {
            jdbc.update("""
                    UPDATE query.timeline_entry
                    SET retracted = TRUE, retraction_reason = :reason, retracted_by = :by
                    WHERE event_id = :entryId AND case_id = :caseId
                    """, Map.of("reason", r.reason(), "by", step.eventId(), "entryId", r.entryId(), "caseId", step.caseId()));
        }
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE query.timeline_entry");
    }

    private void correct(Step step, EntryCorrected c) {
        PartialDate date = c.correctedOccurredOn();
        // every right-hand side sees the row before the update: the originals are kept only once
        jdbc.update("""
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
                """, new MapSqlParameterSource()
                .addValue("occurredOn", date == null ? null : date.toString())
                .addValue("occurredFrom", date == null ? null : date.earliest(), java.sql.Types.DATE)
                .addValue("precision", date == null ? null : date.precision().name())
                .addValue("precisionRank", date == null ? null : date.precision().ordinal(), java.sql.Types.SMALLINT)
                .addValue("sources", c.correctedSources() == null || c.correctedSources().isEmpty() ? null : json(c.correctedSources()))
                .addValue("note", c.correctedNote())
                .addValue("reason", c.reason())
                .addValue("by", step.eventId())
                .addValue("entryId", c.entryId())
                .addValue("caseId", step.caseId()));
    }

    private String targetSummary(String caseId, String entryId) {
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
