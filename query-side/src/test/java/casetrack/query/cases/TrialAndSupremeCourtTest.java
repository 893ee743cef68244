package casetrack.query.cases;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.event.AppealDecided;
import casetrack.shared.event.AppealFiled;
import casetrack.shared.event.DefendantArraigned;
import casetrack.shared.event.TrialStarted;
import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.Bench;
import casetrack.shared.value.Court;
import casetrack.shared.value.CourtLevel;
import casetrack.shared.value.DecisionKind;
import casetrack.shared.value.DecisionRef;
import casetrack.shared.value.ImmunityOutcome;
import casetrack.shared.value.Party;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static casetrack.query.support.Steps.BOUNDARY_COUNTY;
import static casetrack.query.support.Steps.charged;
import static casetrack.query.support.Steps.immunityAsserted;
import static casetrack.query.support.Steps.immunityRuled;
import static casetrack.query.support.Steps.on;
import static casetrack.query.support.Steps.opened;
import static casetrack.query.support.Steps.source;
import static org.assertj.core.api.Assertions.assertThat;

class TrialAndSupremeCourtTest extends QuerySideTest {

    private static final Court SUPREME_COURT = new Court(CourtLevel.SUPREME_COURT, "Supreme Court of the United States");

    @Test
    void theRemovalClockStopsWhenTheTrialStarts() {
        CaseHistory h = newCase("trial-clock");
        h.record(opened(h.caseId(), "State v. Clock (fictional)", "PA", "U.S. Army", "o-1", "Sgt. Clock (fictional)", "2019-03-01"));
        h.record(charged(h.caseId(), "c1", "2019-04-01"));
        h.record(new DefendantArraigned(h.caseId(), List.of("o-1"), BOUNDARY_COUNTY, "not guilty", on("2019-04-10"),
                source("https://example.org/fictional"), null, null));
        awaitProjected(h);
        assertThat(getJson("/api/cases/" + h.caseId()).get("removalOverdue").asBoolean()).isTrue();

        h.record(new TrialStarted(h.caseId(), "t1", List.of("o-1"), BOUNDARY_COUNTY, true, on("2020-01-06"),
                source("https://example.org/fictional"), null, null));
        awaitProjected(h);

        JsonNode summary = getJson("/api/cases/" + h.caseId());
        assertThat(summary.get("removalOverdue").asBoolean()).isFalse();
        assertThat(summary.get("defendants").get(0).path("removalDeadline").isMissingNode()
                || summary.get("defendants").get(0).get("removalDeadline").isNull()).isTrue();
        JsonNode overdue = getJson("/api/dashboard").get("overdue");
        assertThat(overdue.toString()).doesNotContain(h.caseId());
    }

    @Test
    void aSupremeCourtDecisionIsNotCalledAPanelDecision() {
        CaseHistory h = newCase("scotus");
        h.record(opened(h.caseId(), "State v. Example (fictional)", "PA", "U.S. Army", "o-1", "Sgt. Example (fictional)", "1900-03-01"));
        h.record(charged(h.caseId(), "c1", "1900-04-01"));
        h.record(immunityAsserted(h.caseId(), "k1", "1900-05-01"));
        h.record(immunityRuled(h.caseId(), "k1", ImmunityOutcome.DENIED, "1901"));
        h.record(new AppealFiled(h.caseId(), "a1", Party.DEFENDANT, SUPREME_COURT, null,
                new DecisionRef(DecisionKind.IMMUNITY_RULING, "k1"), on("1902"), source("https://example.org/fictional"), null, null));
        h.record(new AppealDecided(h.caseId(), "a1", Bench.PANEL, AppealOutcome.AFFIRMED, null, null, null, on("1903-04-06"),
                source("https://example.org/fictional"), null, null));
        awaitProjected(h);

        JsonNode steps = getJson("/api/cases/" + h.caseId() + "/timeline").get("steps");
        JsonNode decided = steps.get(steps.size() - 1);
        assertThat(decided.get("summary").asText()).startsWith("Supreme Court of the United States affirmed").doesNotContain("panel");
    }
}
