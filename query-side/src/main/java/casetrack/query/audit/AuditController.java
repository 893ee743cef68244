package casetrack.query.audit;

import casetrack.query.cases.CaseReconstruction;
import casetrack.query.cases.CaseSummaryView;
import casetrack.query.cases.Step;
import casetrack.query.cases.TimelineStep;
import casetrack.query.http.BadParameterException;
import casetrack.query.http.CaseNotFoundException;
import casetrack.shared.value.PartialDate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The auditor's view (role AUDITOR): the raw events with their hashes, the chain check, the case as
 * the record stood at any instant or as of any date in the world, and what changed between two instants.
 */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditController {

    public static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson");

    public record CaseAsOf(String caseId, String asOf, long version, int stepsCounted, CaseSummaryView summary,
                           List<TimelineStep> timeline) {
    }

    public record Difference(String caseId, Instant from, Instant to, long versionFrom, long versionTo,
                             List<TimelineStep> stepsRecorded, Map<String, Map<String, JsonNode>> summaryChanges) {
    }

    public record AllVerified(int cases, int intact, List<AuditTrail.Verification> broken) {
    }

    private final AuditTrail trail;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditController(AuditTrail trail, ObjectMapper json, Optional<Clock> clock) {
        this.trail = trail;
        this.json = json;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Every stored event of the case; {@code format=jsonl} gives the export file for {@code verify-file}. */
    @GetMapping(path = "/cases/{caseId}/events", produces = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson"})
    public ResponseEntity<?> events(@PathVariable String caseId, @RequestParam(required = false) String format) {
        List<ObjectNode> events = existing(caseId);
        if (format == null || format.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("caseId", caseId, "events", events));
        }
        if (!format.equals("jsonl")) {
            throw new BadParameterException("format", "must be json or jsonl");
        }
        StringBuilder lines = new StringBuilder();
        events.forEach(e -> lines.append(e.toString()).append('\n'));
        return ResponseEntity.ok().contentType(JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"" + caseId + ".jsonl\"").body(lines.toString());
    }

    @GetMapping("/cases/{caseId}/verify")
    public AuditTrail.Verification verify(@PathVariable String caseId) {
        existing(caseId);
        return trail.verify(caseId);
    }

    @GetMapping("/verify")
    public AllVerified verifyAll() {
        List<AuditTrail.Verification> broken = new ArrayList<>();
        List<String> cases = trail.caseIds();
        for (String caseId : cases) {
            AuditTrail.Verification v = trail.verify(caseId);
            if (!v.intact()) {
                broken.add(v);
            }
        }
        return new AllVerified(cases.size(), cases.size() - broken.size(), broken);
    }

    /** The case as recorded at an instant: only steps that had entered the record by then. */
    @GetMapping("/cases/{caseId}/as-recorded")
    public CaseAsOf asRecorded(@PathVariable String caseId, @RequestParam String asOf) {
        Instant instant = instant("asOf", asOf);
        List<Step> steps = recordedBy(caseId, instant);
        if (steps.isEmpty()) {
            throw new BadParameterException("asOf", "case '" + caseId + "' had no recorded step yet at " + instant);
        }
        return asOf(caseId, instant.toString(), steps);
    }

    /** The case as of a date in the world: only steps that had occurred by then (dates as corrected today). */
    @GetMapping("/cases/{caseId}/as-occurred")
    public CaseAsOf asOccurred(@PathVariable String caseId, @RequestParam String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new BadParameterException("date", "must be a date such as 1998-06-01");
        }
        List<Step> all = steps(caseId);
        List<TimelineStep> rows = CaseReconstruction.timeline(all);
        java.util.Set<String> occurred = new java.util.HashSet<>();
        rows.stream().filter(t -> !PartialDate.parse(t.occurredOn()).earliest().isAfter(day)).forEach(t -> occurred.add(t.eventId()));
        List<Step> steps = all.stream().filter(s -> occurred.contains(s.eventId())).toList();
        return asOf(caseId, day.toString(), steps);
    }

    /** What changed between two instants: the steps recorded in between, and the summary fields that changed. */
    @GetMapping("/cases/{caseId}/diff")
    public Difference diff(@PathVariable String caseId, @RequestParam String from, @RequestParam String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (end.isBefore(start)) {
            throw new BadParameterException("to", "must not be before 'from'");
        }
        List<Step> before = recordedBy(caseId, start);
        List<Step> after = recordedBy(caseId, end);
        List<Step> between = after.subList(before.size(), after.size());
        LocalDate today = LocalDate.now(clock);
        JsonNode a = before.isEmpty() ? json.createObjectNode() : json.valueToTree(CaseReconstruction.summary(before, today));
        JsonNode b = after.isEmpty() ? json.createObjectNode() : json.valueToTree(CaseReconstruction.summary(after, today));
        Map<String, Map<String, JsonNode>> changes = new LinkedHashMap<>();
        for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!b.get(field).equals(a.get(field)) && !field.equals("lastRecordedAt") && !field.equals("daysSinceIncident")) {
                Map<String, JsonNode> change = new LinkedHashMap<>();
                change.put("before", a.get(field));
                change.put("after", b.get(field));
                changes.put(field, change);
            }
        }
        List<String> newIds = between.stream().map(Step::eventId).toList();
        List<TimelineStep> recorded = CaseReconstruction.timeline(after).stream().filter(t -> newIds.contains(t.eventId())).toList();
        return new Difference(caseId, start, end, before.size() - 1L, after.size() - 1L, recorded, changes);
    }

    private CaseAsOf asOf(String caseId, String asOf, List<Step> steps) {
        long version = steps.stream().mapToLong(Step::sequence).max().orElse(-1);
        return new CaseAsOf(caseId, asOf, version, steps.size(),
                steps.isEmpty() ? null : CaseReconstruction.summary(steps, LocalDate.now(clock)), CaseReconstruction.timeline(steps));
    }

    private List<Step> recordedBy(String caseId, Instant instant) {
        return steps(caseId).stream().filter(s -> !s.recordedAt().isAfter(instant)).toList();
    }

    private List<Step> steps(String caseId) {
        List<Step> steps = trail.steps(caseId);
        if (steps.isEmpty()) {
            throw new CaseNotFoundException(caseId);
        }
        return steps;
    }

    private List<ObjectNode> existing(String caseId) {
        List<ObjectNode> events = trail.events(caseId);
        if (events.isEmpty()) {
            throw new CaseNotFoundException(caseId);
        }
        return events;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "must be an instant such as 2001-06-06T00:00:00Z");
        }
    }
}
