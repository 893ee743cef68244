package casetrack.query.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import casetrack.query.live.CaseChange;
import casetrack.query.live.CaseChangeNotifier;
import casetrack.query.store.AxonStoreConfiguration;
import casetrack.shared.EventJson;
import casetrack.shared.event.CaseEvent;
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
 * The case summary: one row per case in {@code query.case_summary}, and the case's dates ahead in
 * {@code query.calendar_entry}. Idempotent: a step at or below the stored version changes nothing.
 * A correction or retraction refolds the case from its recorded steps, so a retracted step stops
 * counting and a corrected date moves the deadlines it set.
 * <p>
 * Written per processor batch, not per step: the steps of a batch are folded in memory
 * ({@link CaseFilesInBatch}), and when the batch commits each changed case is written once (one
 * upsert statement batched over the cases, its calendar replaced), then one change notice per step,
 * all in the transaction that stores the processor's token.
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
            Step step = Step.of(message);
            if (files.fold(step)) {
                pendingChanges().add(new CaseChange(step.caseId(), step.sequence(), step.type()));
            }
        });
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE query.case_summary, query.calendar_entry");
    }

    /** The changes this batch announces; the first call in a batch arranges for the batch's rows to be written. */
    private List<CaseChange> pendingChanges() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING, key -> {
            List<CaseChange> changes = new ArrayList<>();
            CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> {
                save(CaseFilesInBatch.changed(unitOfWork));
                notifier.casesChanged(changes);
            });
            return changes;
        });
    }

    private void save(List<CaseFilesInBatch.Folded> cases) {
        if (cases.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO query.case_summary (case_id, title, state, agency, stage, is_open, current_court, current_docket,
                                                removal_deadline, incident_on, last_step_on, version, last_global_index,
                                                last_recorded_at, file, search)
                VALUES (:caseId, :title, :state, :agency, :stage, :open, :court, :docket,
                        :removalDeadline, :incidentOn, :lastStepOn, :version,
                        -- the last step's own index, not the stream position (see TimelineProjection)
                        coalesce((SELECT e.global_index FROM events.domain_event_entry e WHERE e.event_identifier = :lastEventId), :globalIndex),
                        :recordedAt, CAST(:file AS jsonb), to_tsvector('english', :searchText))
                ON CONFLICT (case_id) DO UPDATE SET
                    title = excluded.title, state = excluded.state, agency = excluded.agency, stage = excluded.stage,
                    is_open = excluded.is_open, current_court = excluded.current_court,
                    current_docket = excluded.current_docket, removal_deadline = excluded.removal_deadline,
                    incident_on = excluded.incident_on, last_step_on = excluded.last_step_on,
                    version = excluded.version, last_global_index = excluded.last_global_index,
                    last_recorded_at = excluded.last_recorded_at, file = excluded.file, search = excluded.search
                """, cases.stream().map(c -> summaryRow(c.file, c.lastStep)).toArray(MapSqlParameterSource[]::new));
        saveCalendars(cases.stream().map(c -> c.file).toList());
    }

    private static MapSqlParameterSource summaryRow(CaseFile file, Step step) {
        return new MapSqlParameterSource()
                .addValue("caseId", file.caseId)
                .addValue("title", file.title == null ? file.caseId : file.title)
                .addValue("state", file.state)
                .addValue("agency", file.agency)
                .addValue("stage", file.stage.name())
                .addValue("open", file.open)
                .addValue("court", file.currentCourt == null ? null : file.currentCourt.name())
                .addValue("docket", file.currentCourt == null ? null : file.currentCourt.docket())
                .addValue("removalDeadline", file.removalDeadline())
                .addValue("incidentOn", file.incidentOn == null ? null : file.incidentOn.earliest())
                .addValue("lastStepOn", file.lastStep == null ? null : file.lastStep.occurredOn().earliest())
                .addValue("version", file.version)
                .addValue("globalIndex", step.globalIndex())
                .addValue("lastEventId", step.eventId())
                .addValue("recordedAt", OffsetDateTime.ofInstant(step.recordedAt(), ZoneOffset.UTC))
                .addValue("file", write(file))
                .addValue("searchText", searchText(file));
    }

    /** Each changed case's dates ahead replace its old ones: one delete for the batch, one batched insert. */
    private void saveCalendars(List<CaseFile> cases) {
        jdbc.update("DELETE FROM query.calendar_entry WHERE case_id IN (:caseIds)",
                Map.of("caseIds", cases.stream().map(f -> f.caseId).toList()));
        List<MapSqlParameterSource> entries = new ArrayList<>();
        for (CaseFile file : cases) {
            if (file.open) {
                calendarEntries(file, entries);
            }
        }
        if (!entries.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO query.calendar_entry (case_id, entry_key, kind, due_on, description)
                    VALUES (:caseId, :key, :kind, :dueOn, :description)
                    """, entries.toArray(MapSqlParameterSource[]::new));
        }
    }

    private static void calendarEntries(CaseFile file, List<MapSqlParameterSource> entries) {
        file.hearings.values().stream()
                .filter(h -> h.status == CaseFile.HearingStatus.SCHEDULED && h.scheduledFor != null)
                .forEach(h -> entries.add(calendarEntry(file, "hearing:" + h.hearingId, "HEARING", h.scheduledFor,
                        capitalized(StepSummaries.words(h.kind.name())) + " hearing" + (h.court == null ? "" : " in " + h.court))));
        file.defendants.values().stream().filter(d -> d.removalDeadline != null)
                .forEach(d -> entries.add(calendarEntry(file, "removal-deadline:" + d.defendantId, "REMOVAL_DEADLINE",
                        d.removalDeadline, "Last day for " + d.name + " to file a notice of removal (28 U.S.C. §1455(b)(1))")));
    }

    private static MapSqlParameterSource calendarEntry(CaseFile file, String key, String kind, LocalDate dueOn, String description) {
        return new MapSqlParameterSource().addValue("caseId", file.caseId).addValue("key", key).addValue("kind", kind)
                .addValue("dueOn", dueOn).addValue("description", description);
    }

    private static String capitalized(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String searchText(CaseFile file) {
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
