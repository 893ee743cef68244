package casetrack.query.cases;

import casetrack.shared.EventJson;
import casetrack.shared.event.EntryCorrected;
import casetrack.shared.event.EntryRetracted;
import casetrack.shared.value.PartialDate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A case rebuilt in memory from a chosen set of its steps, by the same fold the projections use:
 * what the record said at an instant, or what had happened by a date. Corrections move dates and
 * replace sources and notes; retracted steps stop counting but stay listed, marked.
 */
public final class CaseReconstruction {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private CaseReconstruction() {
    }

    /** The case's state after these steps (in recording order), corrections and retractions applied. */
    public static CaseFile fold(List<Step> steps) {
        Set<String> retracted = new HashSet<>();
        Map<String, PartialDate> correctedDates = new HashMap<>();
        for (Step s : steps) {
            if (s.event() instanceof EntryRetracted r) {
                retracted.add(r.entryId());
            } else if (s.event() instanceof EntryCorrected c && c.correctedOccurredOn() != null) {
                correctedDates.put(c.entryId(), c.correctedOccurredOn());
            }
        }
        CaseFile file = new CaseFile();
        for (Step s : steps) {
            Step inForce = correctedDates.containsKey(s.eventId()) ? s.withOccurredOn(correctedDates.get(s.eventId())) : s;
            file.apply(inForce, !retracted.contains(s.eventId()));
        }
        if (!steps.isEmpty()) {
            file.caseId = steps.get(0).caseId();
        }
        return file;
    }

    public static CaseSummaryView summary(List<Step> steps, LocalDate today) {
        Instant lastRecorded = steps.isEmpty() ? null : steps.get(steps.size() - 1).recordedAt();
        return CaseSummaryView.of(fold(steps), lastRecorded, today);
    }

    /** The timeline of these steps, as the timeline projection would have written it, in order of occurrence. */
    public static List<TimelineStep> timeline(List<Step> steps) {
        Map<String, TimelineStep> rows = new LinkedHashMap<>();
        CaseFile names = new CaseFile();
        for (Step step : steps) {
            names.apply(step, true);
            String summary = StepSummaries.describe(step.event(), names);
            if (step.event() instanceof EntryCorrected c) {
                summary = "Corrected “" + summaryOf(rows, c.entryId()) + "”: " + c.reason();
            } else if (step.event() instanceof EntryRetracted r) {
                summary = "Retracted “" + summaryOf(rows, r.entryId()) + "”: " + r.reason();
            }
            PartialDate on = step.event().occurredOn();
            rows.put(step.eventId(), new TimelineStep(step.eventId(), step.sequence(), step.globalIndex(), step.type(),
                    on.toString(), on.precision().name(), summary, JSON.valueToTree(step.event().sources()),
                    step.event().note(), step.event().dateConflict(), step.recordedAt(), step.recordedBy(),
                    step.correlationId(), step.commandName(), false, null, false, null));
            if (step.event() instanceof EntryCorrected c && rows.containsKey(c.entryId())) {
                TimelineStep t = rows.get(c.entryId());
                TimelineStep.Correction original = t.corrected() ? t.correction()
                        : new TimelineStep.Correction(null, null, t.occurredOn(), t.sources(), t.note());
                PartialDate date = c.correctedOccurredOn();
                JsonNode sources = c.correctedSources() == null || c.correctedSources().isEmpty()
                        ? t.sources() : JSON.valueToTree(c.correctedSources());
                rows.put(t.eventId(), new TimelineStep(t.eventId(), t.sequence(), t.globalIndex(), t.type(),
                        date == null ? t.occurredOn() : date.toString(), date == null ? t.precision() : date.precision().name(),
                        t.summary(), sources, c.correctedNote() == null ? t.note() : c.correctedNote(), t.dateConflict(),
                        t.recordedAt(), t.recordedBy(), t.correlationId(), t.commandName(), true,
                        new TimelineStep.Correction(c.reason(), step.eventId(), original.originalOccurredOn(),
                                original.originalSources(), original.originalNote()),
                        t.retracted(), t.retraction()));
            } else if (step.event() instanceof EntryRetracted r && rows.containsKey(r.entryId())) {
                TimelineStep t = rows.get(r.entryId());
                rows.put(t.eventId(), new TimelineStep(t.eventId(), t.sequence(), t.globalIndex(), t.type(), t.occurredOn(),
                        t.precision(), t.summary(), t.sources(), t.note(), t.dateConflict(), t.recordedAt(), t.recordedBy(),
                        t.correlationId(), t.commandName(), t.corrected(), t.correction(), true,
                        new TimelineStep.Retraction(r.reason(), step.eventId())));
            }
        }
        List<TimelineStep> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.comparing((TimelineStep t) -> PartialDate.parse(t.occurredOn()).earliest())
                .thenComparing(t -> PartialDate.parse(t.occurredOn()).precision().ordinal())
                .thenComparingLong(TimelineStep::sequence));
        return ordered;
    }

    private static String summaryOf(Map<String, TimelineStep> rows, String entryId) {
        TimelineStep t = rows.get(entryId);
        return t == null ? "entry " + entryId : t.summary();
    }
}
