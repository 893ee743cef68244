package casetrack.query.cases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import casetrack.query.store.AxonStoreConfiguration;
import casetrack.query.store.BatchWrite;
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
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The timeline: one row per recorded step in {@code query.timeline_entry}. A correction rewrites
 * the corrected row's date, sources or note and keeps the first original values beside them; a
 * retraction marks its row. Both also appear as rows of their own. Idempotent on the event id.
 * <p>
 * Written per processor batch: the rows of a batch go in with one insert statement of the batch's
 * write ({@link BatchWrite}, in the token's transaction), then the corrections and retractions of
 * rows newly inserted, in order. Names of defendants and charges come from the batch's in-memory case file
 * ({@link CaseFilesInBatch}), folded up to and including the step described.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class TimelineProjection {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String PENDING = TimelineProjection.class.getName() + ".rows";

    /** One array of the INSERT: the element type it is sent as, and each row's value. */
    private record Column(String type, Function<Row, Object> value) {
    }

    /** The INSERT's arrays, in the order of its parameters. */
    private static final List<Column> COLUMNS = List.of(new Column("text", Row::eventId), new Column("text", Row::caseId),
            new Column("int8", Row::sequence), new Column("int8", Row::globalIndex), new Column("text", Row::type),
            new Column("text", Row::occurredOn), new Column("text", Row::occurredFrom), new Column("text", Row::precision),
            new Column("int4", Row::precisionRank), new Column("text", Row::summary), new Column("text", Row::sources),
            new Column("text", Row::note), new Column("text", Row::dateConflict), new Column("text", Row::recordedAt),
            new Column("text", Row::recordedBy), new Column("text", Row::correlationId), new Column("text", Row::commandName));

    private final NamedParameterJdbcTemplate jdbc;
    private final CaseFilesInBatch files;

    public TimelineProjection(NamedParameterJdbcTemplate jdbc, CaseFilesInBatch files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** A row to insert, and what it does to an earlier row if it is new. */
    private record Row(String eventId, String caseId, long sequence, long globalIndex, String type, String occurredOn,
                       String occurredFrom, String precision, int precisionRank, String summary, String sources,
                       String note, String dateConflict, String recordedAt, String recordedBy, String correlationId,
                       String commandName, MapSqlParameterSource correction, MapSqlParameterSource retraction) {
    }

    /**
     * A batch's rows in one statement: each column as an array, unnested in order. Per-row statements
     * of a JDBC batch cost PostgreSQL an executor start and an ON CONFLICT probe each; as one
     * statement the rows go in at about half the cost (pg_stat_statements, a 100,000-event replay).
     */
    private static final String INSERT = """
            INSERT INTO query.timeline_entry (event_id, case_id, sequence, global_index, event_type, occurred_on,
                occurred_from, precision, precision_rank, summary, sources, note, date_conflict, recorded_at,
                recorded_by, correlation_id, command_name)
            -- the event's own index, read from the store: a stream token's position is the highest index
            -- seen, which is above this event's when it fills a gap left by a later commit (live processing
            -- under concurrent writers only; a replay has no gaps), so rows would differ from a rebuild
            SELECT r.event_id, r.case_id, r.sequence, coalesce(e.global_index, r.global_index), r.event_type,
                r.occurred_on, CAST(r.occurred_from AS date), r.precision, CAST(r.precision_rank AS smallint), r.summary,
                CAST(r.sources AS jsonb), r.note, r.date_conflict, CAST(r.recorded_at AS timestamptz), r.recorded_by,
                r.correlation_id, r.command_name
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]))
                 WITH ORDINALITY AS r(event_id, case_id, sequence, global_index, event_type, occurred_on, occurred_from,
                                      precision, precision_rank, summary, sources, note, date_conflict, recorded_at,
                                      recorded_by, correlation_id, command_name, position)
            LEFT JOIN events.domain_event_entry e ON e.event_identifier = r.event_id
            ORDER BY r.position
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """;

    /** The rows of one batch, in order, and the summary of each, for corrections of a step in the same batch. */
    private static final class Pending {
        final List<Row> rows = new ArrayList<>();
        final Map<String, String> summaries = new HashMap<>();
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message) {
        CaseFilesInBatch.inUnitOfWork(message, () -> record(event, files.step(message)));
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
        pending.rows.add(new Row(step.eventId(), step.caseId(), step.sequence(), step.globalIndex(), step.type(),
                on.toString(), on.earliest().toString(), on.precision().name(), on.precision().ordinal(), summary,
                json(event.sources()), event.note(), event.dateConflict(),
                microseconds(step.recordedAt()), step.recordedBy(), step.correlationId(),
                step.commandName(), correction, retraction));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE query.timeline_entry");
    }

    /** This batch's rows; the first call in a batch adds them to the batch's write. */
    private Pending pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Pending pending = batch.getResource(PENDING);
        if (pending == null) {
            Pending fresh = new Pending();
            batch.resources().put(PENDING, fresh);
            BatchWrite.current(jdbc.getJdbcTemplate()).contribute(() -> fresh.rows.isEmpty() ? null : List.of(insert(fresh.rows)));
            pending = fresh;
        }
        return pending;
    }

    /** The batch's rows in one statement; then the corrections and retractions whose own row was new. */
    private BatchWrite.Part insert(List<Row> rows) {
        Set<String> inserted = new HashSet<>();
        return new BatchWrite.Part() {
            @Override
            public String sql() {
                return INSERT;
            }

            @Override
            public boolean genericPlan() {
                return true;
            }

            @Override
            public Object[] parameters(Connection connection) throws SQLException {
                Object[] arrays = new Object[COLUMNS.size()];
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Column column = COLUMNS.get(c);
                    Object[] values = new Object[rows.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = column.value().apply(rows.get(i));
                    }
                    arrays[c] = BatchWrite.array(connection, column.type(), values);
                }
                return arrays;
            }

            @Override
            public void rows(ResultSet result) throws SQLException {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }

            @Override
            public void afterwards() {
                applyCorrections(rows, inserted);
            }
        };
    }

    /** A row already there (a step seen before) changes nothing, nor do its correction or retraction. */
    private void applyCorrections(List<Row> rows, Set<String> inserted) {
        List<MapSqlParameterSource> corrections = new ArrayList<>();
        List<MapSqlParameterSource> retractions = new ArrayList<>();
        for (Row row : rows) {
            if (!inserted.contains(row.eventId())) {
                continue;
            }
            if (row.correction() != null) {
                corrections.add(row.correction());
            }
            if (row.retraction() != null) {
                retractions.add(row.retraction());
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

    /**
     * The recording time as PostgreSQL stores it, to the microsecond, rounded half up as the JDBC
     * driver rounds a timestamp parameter (PostgreSQL's own text input rounds half to even, which
     * would store some times a microsecond off from what earlier versions stored, and a rebuild
     * would no longer equal the tables it replaces).
     */
    static String microseconds(Instant at) {
        return at == null ? null : toMicros(at).toString();
    }

    /** The instant as stored: to the microsecond, rounded half up (see {@link #microseconds}). */
    public static Instant toMicros(Instant at) {
        if (at == null) {
            return null;
        }
        return at.getNano() % 1000 >= 500 ? at.plusNanos(1000 - at.getNano() % 1000) : at.minusNanos(at.getNano() % 1000);
    }

    private static String json(List<Source> sources) {
        try {
            return JSON.writeValueAsString(sources == null ? List.of() : sources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sources", e);
        }
    }
}
