package casetrack.query.cases;

import java.time.LocalDate;
import java.util.List;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.fasterxml.jackson.databind.JsonNode;
import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.Bench;
import casetrack.shared.value.CaseOutcome;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.ImmunityOutcome;
import casetrack.shared.value.LegalFlag;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.ProceedingKind;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A whole Idaho v. Horiuchi history, step by step, through the summary and the timeline. */
class CaseProjectionTest extends QuerySideTest {

    private CaseHistory history;

    private JsonNode step(casetrack.shared.event.CaseEvent event) {
        history.record(event);
        awaitProjected(history);
        return summary();
    }

    /**
     * The summary at the version recorded last, as a client reads after its write: the API knows a
     * case's version from the change notice sent at commit, which may arrive a moment after the
     * table shows the new row, and until then answers the version before.
     */
    private JsonNode summary() {
        return getJson("/api/cases/" + history.caseId() + "?minVersion=" + history.version());
    }

    @Test
    void horiuchiFromIncidentToClosing() {
        history = newCase("horiuchi");
        String id = history.caseId();

        JsonNode c = step(opened(id, "Idaho v. Horiuchi", "ID", "FBI", "lon-horiuchi", "Lon Horiuchi", "1992-08-22"));
        assertThat(c.path("stage").asText()).isEqualTo("INVESTIGATION");
        assertThat(c.path("daysSinceIncident").asLong()).isGreaterThan(11_000);
        assertThat(c.path("defendants").get(0).path("immunity").asText()).isEqualTo("NOT_ASSERTED");

        history.record(charged(id, "manslaughter", "1997-08"));
        String chargeEventId = lastEventId();
        awaitProjected(history);
        c = summary();
        assertThat(c.path("stage").asText()).isEqualTo("CHARGED");
        assertThat(c.path("currentCourt").path("name").asText()).isEqualTo("Boundary County District Court");
        assertThat(c.path("charges").get(0).path("status").asText()).isEqualTo("FILED");
        assertThat(c.path("lastStep").path("summary").asText()).isEqualTo(
                "State charge filed: involuntary manslaughter (Idaho Code 18-4006) against Lon Horiuchi in Boundary County District Court");

        c = step(hearingHeld(id, "preliminary", HearingKind.PRELIMINARY, new Proceeding(ProceedingKind.CHARGE, "manslaughter"),
                BOUNDARY_COUNTY, "bound over for trial", "1997-12"));
        assertThat(c.path("stage").asText()).isEqualTo("CHARGED");
        assertThat(c.path("removalDeadline").isMissingNode()).isTrue();

        c = step(arraigned(id, "1997-12-08"));
        assertThat(c.path("removalDeadline").asText()).isEqualTo("1998-01-07");
        assertThat(c.path("removalOverdue").asBoolean()).isTrue();
        assertThat(c.path("defendants").get(0).path("removalDeadline").asText()).isEqualTo("1998-01-07");
        assertThat(c.path("defendants").get(0).path("removalOverdue").asBoolean()).isTrue();
        assertThat(overdueDeadlines(id)).containsExactly("1998-01-07");

        c = step(removalNotice(id, "removal-1", List.of(LegalFlag.LATE_REMOVAL_NOTICE), "1998-01-09"));
        assertThat(c.path("stage").asText()).isEqualTo("REMOVAL_PENDING");
        assertThat(c.path("removalDeadline").isMissingNode()).isTrue();
        assertThat(c.path("removalOverdue").asBoolean()).isFalse();
        assertThat(c.path("flags").get(0).path("flag").asText()).isEqualTo("LATE_REMOVAL_NOTICE");
        assertThat(overdueDeadlines(id)).isEmpty();

        c = step(removalAllowed(id, "removal-1", "1998-01-12", "AP: Jan 7"));
        assertThat(c.path("stage").asText()).isEqualTo("FEDERAL_COURT");
        assertThat(c.path("currentCourt").path("name").asText()).isEqualTo(D_IDAHO.name());
        assertThat(c.path("currentCourt").path("docket").asText()).isEqualTo("CR 97-097-N-EJL");

        c = step(immunityAsserted(id, "motion-1998", "1998-02-09"));
        assertThat(c.path("stage").asText()).isEqualTo("IMMUNITY_PENDING");
        assertThat(c.path("defendants").get(0).path("immunity").asText()).isEqualTo("ASSERTED");

        c = step(hearingScheduled(id, "immunity-argument", HearingKind.ARGUMENT,
                new Proceeding(ProceedingKind.IMMUNITY_CLAIM, "motion-1998"), D_IDAHO, LocalDate.of(1998, 3, 13), "1998-02-20"));
        assertThat(c.path("hearings").get(1).path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(c.path("nextHearing").isMissingNode()).as("a hearing in the past is not next").isTrue();

        c = step(hearingHeld(id, "immunity-argument", HearingKind.ARGUMENT,
                new Proceeding(ProceedingKind.IMMUNITY_CLAIM, "motion-1998"), D_IDAHO, null, "1998-03-13"));
        assertThat(c.path("hearings").get(1).path("status").asText()).isEqualTo("HELD");

        c = step(immunityRuled(id, "motion-1998", ImmunityOutcome.GRANTED, "1998-05-14"));
        assertThat(c.path("stage").asText()).isEqualTo("IMMUNITY_GRANTED");
        assertThat(c.path("defendants").get(0).path("immunity").asText()).isEqualTo("GRANTED");

        c = step(appealFiled(id, "ninth-circuit", "motion-1998", "1998"));
        assertThat(c.path("stage").asText()).isEqualTo("ON_APPEAL");
        assertThat(c.path("openAppeals").toString()).isEqualTo("[\"ninth-circuit\"]");
        assertThat(c.path("currentCourt").path("name").asText()).isEqualTo(NINTH_CIRCUIT.name());

        c = step(appealDecided(id, "ninth-circuit", Bench.PANEL, AppealOutcome.AFFIRMED, 2, 1, null, "2000-06-14"));
        assertThat(c.path("stage").asText()).isEqualTo("IMMUNITY_GRANTED");
        assertThat(c.path("openAppeals").size()).isZero();
        assertThat(c.path("currentCourt").path("name").asText()).isEqualTo(D_IDAHO.name());

        c = step(rehearingPetitioned(id, "ninth-circuit", "2000"));
        assertThat(c.path("stage").asText()).isEqualTo("ON_APPEAL");
        c = step(rehearingDecided(id, "ninth-circuit", true, "2000"));
        assertThat(c.path("stage").asText()).isEqualTo("ON_APPEAL");
        assertThat(c.path("appeals").get(0).path("status").asText()).isEqualTo("REHEARING_EN_BANC");

        c = step(appealDecided(id, "ninth-circuit", Bench.EN_BANC, AppealOutcome.REVERSED, 6, 5, "253 F.3d 359", "2001-06-05"));
        assertThat(c.path("stage").asText()).as("disputed facts go to trial in the district court").isEqualTo("FEDERAL_COURT");
        assertThat(c.path("defendants").get(0).path("immunity").asText()).isEqualTo("GRANT_REVERSED");

        c = step(prosecutionChanged(id, "2001-06-14"));
        assertThat(c.path("prosecutor").asText()).isEqualTo("Brett Benson");

        c = step(dismissed(id, "manslaughter", "2001-06-14"));
        assertThat(c.path("stage").asText()).isEqualTo("DISMISSED");
        assertThat(c.path("charges").get(0).path("status").asText()).isEqualTo("DISMISSED");

        c = step(vacatedAsMoot(id, "ninth-circuit", "2001-09-14"));
        assertThat(c.path("stage").asText()).isEqualTo("DISMISSED");
        assertThat(c.path("appeals").get(0).path("status").asText()).isEqualTo("VACATED_AS_MOOT");

        c = step(closed(id, CaseOutcome.DISMISSED, "2001-09-14"));
        assertThat(c.path("stage").asText()).isEqualTo("CLOSED");
        assertThat(c.path("open").asBoolean()).isFalse();
        assertThat(c.path("version").asLong()).isEqualTo(history.version());

        // corrections and retractions: the record is fixed by new entries, never edited
        history.record(statement(id, "FBI spokesman", "misattributed quote", "2001-09-15"));
        String statementId = lastEventId();
        c = step(corrected(id, chargeEventId, "AP: filed five years to the day", "1997-08-21",
                source("https://www.spokesman.com/stories/1998/jan/13/"), "date per AP", "2001-09-20"));
        assertThat(c.path("correctedCount").asInt()).isEqualTo(1);
        c = step(retracted(id, statementId, "the statement was never made", "2001-09-21"));
        assertThat(c.path("retractedCount").asInt()).isEqualTo(1);
        assertThat(c.path("lastStep").path("type").asText()).as("a retracted step is not the last step").isEqualTo("CaseClosed");
        assertThat(c.path("stage").asText()).isEqualTo("CLOSED");

        JsonNode timeline = getJson("/api/cases/" + id + "/timeline");
        JsonNode steps = timeline.path("steps");
        assertThat(steps.size()).isEqualTo(history.version() + 1);
        assertThat(timeline.path("version").asLong()).isEqualTo(history.version());

        JsonNode charge = find(steps, chargeEventId);
        assertThat(charge.path("summary").asText()).isEqualTo(
                "State charge filed: involuntary manslaughter (Idaho Code 18-4006) against Lon Horiuchi in Boundary County District Court");
        assertThat(charge.path("corrected").asBoolean()).isTrue();
        assertThat(charge.path("occurredOn").asText()).isEqualTo("1997-08-21");
        assertThat(charge.path("precision").asText()).isEqualTo("DAY");
        assertThat(charge.path("note").asText()).isEqualTo("date per AP");
        assertThat(charge.path("sources").get(0).path("url").asText()).isEqualTo("https://www.spokesman.com/stories/1998/jan/13/");
        assertThat(charge.path("correction").path("originalOccurredOn").asText()).isEqualTo("1997-08");
        assertThat(charge.path("correction").path("originalSources").get(0).path("url").asText()).startsWith("https://apnews.com/");
        assertThat(charge.path("correction").path("reason").asText()).isEqualTo("AP: filed five years to the day");
        assertThat(charge.path("recordedBy").asText()).isEqualTo("editor@casetrack.test");

        JsonNode statement = find(steps, statementId);
        assertThat(statement.path("retracted").asBoolean()).isTrue();
        assertThat(statement.path("retraction").path("reason").asText()).isEqualTo("the statement was never made");

        assertThat(types(steps)).as("ordered by occurrence: earliest day, then precision, then recording").containsExactly(
                "CaseOpened", "StateChargeFiled", "HearingHeld", "DefendantArraigned",
                "AppealFiled",          // "1998" counts from 1998-01-01, after the precise dates of that day
                "RemovalNoticeFiled", "RemovalAllowed", "ImmunityAsserted", "HearingScheduled", "HearingHeld",
                "ImmunityRuledOn",
                "RehearingEnBancPetitioned", "RehearingEnBancDecided",
                "AppealDecided", "AppealDecided", "ProsecutionAuthorityChanged", "ChargesDismissed",
                "DecisionsVacatedAsMoot", "CaseClosed", "PublicStatementMade", "EntryCorrected", "EntryRetracted");
        assertThat(find(steps, stepId(steps, "RemovalAllowed")).path("dateConflict").asText()).isEqualTo("AP: Jan 7");
        assertThat(steps.get(steps.size() - 2).path("summary").asText())
                .startsWith("Corrected “State charge filed: involuntary manslaughter");
    }

    @Test
    void retractingAStepUndoesWhatItDidToTheSummaryAndCorrectingADateMovesTheDeadline() {
        history = newCase("retract");
        String id = history.caseId();
        history.record(opened(id, "State v. Officer", "ID", "FBI", "officer-1", "Officer One", "2024-01-01"));
        history.record(charged(id, "charge-1", "2024-02-01"));
        String chargeId = lastEventId();
        history.record(arraigned(id, "2024-03-01"));
        String arraignmentId = lastEventId();
        awaitProjected(history);
        assertThat(summary().path("removalDeadline").asText()).isEqualTo("2024-03-31");

        JsonNode c = step(corrected(id, arraignmentId, "wrong day", "2024-03-05", null, null, "2024-04-01"));
        assertThat(c.path("removalDeadline").asText()).isEqualTo("2024-04-04");
        assertThat(c.path("defendants").get(0).path("arraignedOn").asText()).isEqualTo("2024-03-05");

        c = step(retracted(id, chargeId, "no such charge was filed", "2024-04-02"));
        assertThat(c.path("stage").asText()).isEqualTo("INVESTIGATION");
        assertThat(c.path("charges").size()).isZero();
        assertThat(c.path("removalDeadline").isMissingNode()).as("no live charge, no removal clock").isTrue();
        assertThat(c.path("version").asLong()).isEqualTo(history.version());
    }

    @Test
    void reapplyingAStepAtOrBelowTheVersionChangesNothing() {
        history = newCase("idem");
        String id = history.caseId();
        history.record(opened(id, "State v. Twice", "ID", "FBI", "officer-1", "Officer One", "2024-01-01"),
                charged(id, "charge-1", "2024-02-01"));
        awaitProjected(history);
        String before = jdbc.queryForObject("SELECT file::text FROM query.case_summary WHERE case_id = :id",
                java.util.Map.of("id", id), String.class);
        var replayed = eventStore.readEvents(id).asStream().toList();
        var summaries = applicationContext.getBean(CaseSummaryProjection.class);
        var timeline = applicationContext.getBean(TimelineProjection.class);
        for (var message : replayed) {
            summaries.on((casetrack.shared.event.CaseEvent) message.getPayload(), message);
            timeline.on((casetrack.shared.event.CaseEvent) message.getPayload(), message);
        }
        assertThat(jdbc.queryForObject("SELECT file::text FROM query.case_summary WHERE case_id = :id",
                java.util.Map.of("id", id), String.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM query.timeline_entry WHERE case_id = :id",
                java.util.Map.of("id", id), Long.class)).isEqualTo(2);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext applicationContext;

    private String lastEventId() {
        return jdbc.queryForObject("SELECT event_identifier FROM events.domain_event_entry WHERE aggregate_identifier = :id "
                + "ORDER BY sequence_number DESC LIMIT 1", java.util.Map.of("id", history.caseId()), String.class);
    }

    private List<String> overdueDeadlines(String caseId) {
        JsonNode overdue = getJson("/api/dashboard").path("overdue");
        return java.util.stream.StreamSupport.stream(overdue.spliterator(), false)
                .filter(e -> e.path("caseId").asText().equals(caseId)).map(e -> e.path("dueOn").asText()).toList();
    }

    private static JsonNode find(JsonNode steps, String eventId) {
        for (JsonNode s : steps) {
            if (s.path("eventId").asText().equals(eventId)) {
                return s;
            }
        }
        throw new AssertionError("no step " + eventId);
    }

    private static String stepId(JsonNode steps, String type) {
        for (JsonNode s : steps) {
            if (s.path("type").asText().equals(type)) {
                return s.path("eventId").asText();
            }
        }
        throw new AssertionError("no step of type " + type);
    }

    private static List<String> types(JsonNode steps) {
        return java.util.stream.StreamSupport.stream(steps.spliterator(), false).map(s -> s.path("type").asText()).toList();
    }
}
