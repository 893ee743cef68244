package casetrack.query.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import casetrack.query.live.CaseChange;
import casetrack.query.live.CaseChangeNotifier;
import casetrack.query.store.AxonStoreConfiguration;
import casetrack.query.store.BatchWrite;
import casetrack.shared.EventJson;
import casetrack.shared.event.CaseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The case summary: one row per case in {@code query.case_summary}, its searchable words in
 * {@code query.case_search}, and the case's dates ahead in {@code query.calendar_entry}.
 * Idempotent: a step at or below the stored version changes nothing. A correction or retraction
 * refolds the case from its recorded steps, so a retracted step stops counting and a corrected
 * date moves the deadlines it set.
 * <p>
 * Written per processor batch, not per step: the steps of a batch are folded in memory
 * ({@link CaseFilesInBatch}), and when the batch commits each changed case is written once (one
 * insert over the new cases, one update over the stored ones, the words of those whose words changed,
 * the calendars of those whose dates ahead changed), then one change notice per step, all
 * statements of the batch's write ({@link BatchWrite}) in the transaction that stores the token.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class CaseSummaryProjection {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String PENDING = CaseSummaryProjection.class.getName() + ".changes";

    private final NamedParameterJdbcTemplate jdbc;
    private final CaseFilesInBatch files;
    private final CaseChangeNotifier notifier;

    public CaseSummaryProjection(NamedParameterJdbcTemplate jdbc, CaseFilesInBatch files, CaseChangeNotifier notifier) {
        this.jdbc = jdbc;
        this.files = files;
        this.notifier = notifier;
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message) {
        CaseFilesInBatch.inUnitOfWork(message, () -> {
            Step step = files.step(message);
            if (files.fold(step)) {
                pendingChanges().add(new CaseChange(step.caseId(), step.sequence(), step.type(), TimelineProjection.toMicros(step.recordedAt())));
            }
        });
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE query.case_summary, query.case_search, query.calendar_entry");
        files.forgetAll();
    }

    /** The changes this batch announces; the first call in a batch adds the batch's rows to its write. */
    private List<CaseChange> pendingChanges() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<CaseChange> changes = batch.getResource(PENDING);
        if (changes == null) {
            List<CaseChange> fresh = new ArrayList<>();
            batch.resources().put(PENDING, fresh);
            BatchWrite.current(jdbc.getJdbcTemplate()).contribute(() -> parts(CaseFilesInBatch.changed(batch), fresh));
            changes = fresh;
        }
        return changes;
    }

    /**
     * Each changed case written once: one insert over the batch's new cases and one update over its
     * stored ones, the search vectors of the cases whose words changed, the calendars of the cases whose
     * dates ahead changed (one delete, one insert), then one change notice per step.
     */
    private List<BatchWrite.Part> parts(List<CaseFilesInBatch.Folded> cases, List<CaseChange> changes) {
        if (cases.isEmpty()) {
            return null;
        }
        List<BatchWrite.Part> parts = new ArrayList<>();
        // a case new to the table is inserted; a stored one is updated. Its searchable words are written
        // (query.case_search, to_tsvector and its GIN entries) only when they are new or changed.
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<String[]> searches = new ArrayList<>();
        for (CaseFilesInBatch.Folded c : cases) {
            (c.storedSearchText == null ? inserts : updates).add(summaryRow(c.file, c.lastStep));
            String words = searchText(c.file);
            if (!words.equals(c.storedSearchText)) {
                searches.add(new String[]{c.file.caseId, words});
            }
        }
        if (!inserts.isEmpty()) {
            parts.add(arrays(UPSERT, true, connection -> arraysOf(connection, SUMMARY_TYPES, columns(inserts, SUMMARY_TYPES.length))));
        }
        if (!updates.isEmpty()) {
            parts.add(new BatchWrite.Part() {
                @Override
                public String sql() {
                    return UPDATE;
                }

                @Override
                public boolean genericPlan() {
                    return true;
                }

                @Override
                public Object[] parameters(Connection connection) throws SQLException {
                    return arraysOf(connection, SUMMARY_TYPES, columns(updates, SUMMARY_TYPES.length));
                }

                @Override
                public void updated(int count) {
                    if (count != updates.size()) {
                        // a row read moments ago is gone (the tables were reset meanwhile): fail the batch, so it is
                        // retried and reads the cases again
                        throw new IllegalStateException("updated " + count + " case summaries of " + updates.size());
                    }
                }
            });
        }
        if (!searches.isEmpty()) {
            parts.add(arrays("""
                    INSERT INTO query.case_search (case_id, search)
                    SELECT w.case_id, to_tsvector('english', w.words)
                    FROM unnest(CAST(? AS varchar[]), CAST(? AS text[])) AS w(case_id, words)
                    ON CONFLICT (case_id) DO UPDATE SET search = excluded.search
                    """, true, connection -> new Object[]{
                    BatchWrite.array(connection, "varchar", searches.stream().map(w -> w[0]).toArray()),
                    BatchWrite.array(connection, "text", searches.stream().map(w -> w[1]).toArray())}));
        }
        // most steps leave a case's dates ahead as they were: only the cases whose calendar changed are rewritten
        List<String> caseIds = new ArrayList<>();
        List<List<String>> entries = new ArrayList<>();
        for (CaseFilesInBatch.Folded c : cases) {
            List<List<String>> calendar = calendar(c.file);
            if (!calendar.equals(c.storedCalendar)) {
                caseIds.add(c.file.caseId);
                entries.addAll(calendar);
            }
        }
        if (!caseIds.isEmpty()) {
            // planned for its values: on a small calendar table the generic plan of = ANY(?) is a full scan
            parts.add(arrays("DELETE FROM query.calendar_entry WHERE case_id = ANY(CAST(? AS varchar[]))", false,
                    connection -> new Object[]{BatchWrite.array(connection, "varchar", caseIds.toArray())}));
        }
        if (!entries.isEmpty()) {
            parts.add(arrays("""
                    INSERT INTO query.calendar_entry (case_id, entry_key, kind, due_on, description)
                    SELECT e.case_id, e.entry_key, e.kind, CAST(e.due_on AS date), e.description
                    FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS text[]), CAST(? AS text[]))
                         AS e(case_id, entry_key, kind, due_on, description)
                    """, true, connection -> {
                Object[][] columns = new Object[CALENDAR_TYPES.length][entries.size()];
                for (int i = 0; i < entries.size(); i++) {
                    for (int c = 0; c < CALENDAR_TYPES.length; c++) {
                        columns[c][i] = entries.get(i).get(c);
                    }
                }
                return arraysOf(connection, CALENDAR_TYPES, columns);
            }));
        }
        if (!changes.isEmpty()) {
            parts.add(notifier.notices(changes));
        }
        return parts;
    }

    /** The element types of the upsert's arrays, in the order of its parameters. */
    private static final String[] SUMMARY_TYPES = {"varchar", "text", "text", "text", "varchar", "bool", "text", "text",
            "text", "text", "text", "int8", "int8", "varchar", "text", "text"};

    private static final String[] CALENDAR_TYPES = {"varchar", "varchar", "varchar", "text", "text"};

    /**
     * One insert for the batch's cases new to the table, each column an array. An upsert, so that a row
     * there after all does not fail the batch (a case opened in a replay is not read first).
     */
    private static final String UPSERT = """
            INSERT INTO query.case_summary (case_id, title, state, agency, stage, is_open, current_court, current_docket,
                                            removal_deadline, incident_on, last_step_on, version, last_global_index,
                                            last_recorded_at, file)
            SELECT s.case_id, s.title, s.state, s.agency, s.stage, s.is_open, s.current_court, s.current_docket,
                   CAST(s.removal_deadline AS date), CAST(s.incident_on AS date), CAST(s.last_step_on AS date), s.version,
                   -- the last step's own index, not the stream position (see TimelineProjection)
                   coalesce(e.global_index, s.global_index), CAST(s.recorded_at AS timestamptz), CAST(s.file AS jsonb)
            FROM unnest(CAST(? AS varchar[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS varchar[]),
                        CAST(? AS boolean[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS varchar[]), CAST(? AS text[]),
                        CAST(? AS text[]))
                 AS s(case_id, title, state, agency, stage, is_open, current_court, current_docket, removal_deadline,
                      incident_on, last_step_on, version, global_index, last_event_id, recorded_at, file)
            LEFT JOIN events.domain_event_entry e ON e.event_identifier = s.last_event_id
            ON CONFLICT (case_id) DO UPDATE SET
                title = excluded.title, state = excluded.state, agency = excluded.agency, stage = excluded.stage,
                is_open = excluded.is_open, current_court = excluded.current_court,
                current_docket = excluded.current_docket, removal_deadline = excluded.removal_deadline,
                incident_on = excluded.incident_on, last_step_on = excluded.last_step_on,
                version = excluded.version, last_global_index = excluded.last_global_index,
                last_recorded_at = excluded.last_recorded_at, file = excluded.file
            """;

    /** The same as {@link #UPSERT} for the batch's cases that are stored. */
    private static final String UPDATE = """
            UPDATE query.case_summary c SET
                title = s.title, state = s.state, agency = s.agency, stage = s.stage, is_open = s.is_open,
                current_court = s.current_court, current_docket = s.current_docket,
                removal_deadline = CAST(s.removal_deadline AS date), incident_on = CAST(s.incident_on AS date),
                last_step_on = CAST(s.last_step_on AS date), version = s.version,
                last_global_index = coalesce(e.global_index, s.global_index),
                last_recorded_at = CAST(s.recorded_at AS timestamptz), file = CAST(s.file AS jsonb)
            FROM unnest(CAST(? AS varchar[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS varchar[]),
                        CAST(? AS boolean[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS varchar[]), CAST(? AS text[]),
                        CAST(? AS text[]))
                 AS s(case_id, title, state, agency, stage, is_open, current_court, current_docket, removal_deadline,
                      incident_on, last_step_on, version, global_index, last_event_id, recorded_at, file)
            LEFT JOIN events.domain_event_entry e ON e.event_identifier = s.last_event_id
            WHERE c.case_id = s.case_id
            """;

    /** Rows as columns: the first {@code width} values of each row, one array per column. */
    private static Object[][] columns(List<Object[]> rows, int width) {
        Object[][] columns = new Object[width][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < width; c++) {
                columns[c][i] = rows.get(i)[c];
            }
        }
        return columns;
    }

    private interface Parameters {
        Object[] of(Connection connection) throws SQLException;
    }

    /** A statement of array parameters; {@code generic}: its plan is the same for any number of rows (see {@link BatchWrite.Part#genericPlan}). */
    private static BatchWrite.Part arrays(String sql, boolean generic, Parameters parameters) {
        return new BatchWrite.Part() {
            @Override
            public String sql() {
                return sql;
            }

            @Override
            public boolean genericPlan() {
                return generic;
            }

            @Override
            public Object[] parameters(Connection connection) throws SQLException {
                return parameters.of(connection);
            }
        };
    }

    private static Object[] arraysOf(Connection connection, String[] types, Object[][] columns) throws SQLException {
        Object[] arrays = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            arrays[c] = BatchWrite.array(connection, types[c], columns[c]);
        }
        return arrays;
    }

    private static Object[] summaryRow(CaseFile file, Step step) {
        return new Object[]{
                file.caseId,
                file.title == null ? file.caseId : file.title,
                file.state,
                file.agency,
                file.stage.name(),
                file.open,
                file.currentCourt == null ? null : file.currentCourt.name(),
                file.currentCourt == null ? null : file.currentCourt.docket(),
                text(file.removalDeadline()),
                file.incidentOn == null ? null : file.incidentOn.earliest().toString(),
                file.lastStep == null ? null : file.lastStep.occurredOn().earliest().toString(),
                file.version,
                step.globalIndex(),
                step.eventId(),
                TimelineProjection.microseconds(step.recordedAt()),
                write(file)};
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /**
     * The case's rows of {@code query.calendar_entry} (case id, key, kind, due date, description), in
     * the order they are written; none for a closed case or one not stored yet.
     */
    static List<List<String>> calendar(CaseFile file) {
        List<List<String>> entries = new ArrayList<>();
        if (file.version >= 0 && file.open) {
            calendarEntries(file, entries);
        }
        return entries;
    }

    private static void calendarEntries(CaseFile file, List<List<String>> entries) {
        file.hearings.values().stream()
                .filter(h -> h.status == CaseFile.HearingStatus.SCHEDULED && h.scheduledFor != null)
                .forEach(h -> entries.add(calendarEntry(file, "hearing:" + h.hearingId, "HEARING", h.scheduledFor,
                        capitalized(StepSummaries.words(h.kind.name())) + " hearing" + (h.court == null ? "" : " in " + h.court))));
        file.defendants.values().stream().filter(d -> d.removalDeadline != null)
                .forEach(d -> entries.add(calendarEntry(file, "removal-deadline:" + d.defendantId, "REMOVAL_DEADLINE",
                        d.removalDeadline, "Last day for " + d.name + " to file a notice of removal (28 U.S.C. §1455(b)(1))")));
    }

    private static List<String> calendarEntry(CaseFile file, String key, String kind, LocalDate dueOn, String description) {
        return List.of(file.caseId, key, kind, dueOn.toString(), description);
    }

    private static String capitalized(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String searchText(CaseFile file) {
        List<String> words = new ArrayList<>();
        Stream.of(file.title, file.state, file.agency, file.place, file.incident).filter(w -> w != null).forEach(words::add);
        words.addAll(file.victims);
        file.defendants.values().forEach(d -> Stream.of(d.name, d.agency, d.role).filter(w -> w != null).forEach(words::add));
        file.charges.values().forEach(c -> c.counts.forEach(count -> words.add(count.description())));
        return String.join(" ", words);
    }

    static CaseFile read(String json) {
        try {
            return JSON.readValue(json, CaseFile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable case summary: " + e.getMessage(), e);
        }
    }

    private static String write(CaseFile file) {
        try {
            return JSON.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write case summary of " + file.caseId, e);
        }
    }
}
