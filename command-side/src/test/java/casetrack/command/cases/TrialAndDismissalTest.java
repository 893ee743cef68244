package casetrack.command.cases;

import casetrack.shared.value.CountFinding;
import casetrack.shared.value.CourtLevel;
import casetrack.shared.value.Court;
import casetrack.shared.value.DecisionKind;
import casetrack.shared.value.LegalFlag;
import casetrack.shared.value.VerdictOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static casetrack.command.cases.CaseSteps.*;
import static casetrack.shared.value.AppealOutcome.AFFIRMED;
import static casetrack.shared.value.Bench.PANEL;
import static casetrack.shared.value.Finding.GUILTY;
import static casetrack.shared.value.Finding.HUNG;
import static casetrack.shared.value.Finding.NOT_GUILTY;
import static casetrack.shared.value.ImmunityOutcome.GRANTED;
import static casetrack.shared.value.ImmunityRoute.HABEAS_CORPUS;

/** Trials, verdicts and sentences; dismissals; decisions vacated as moot. */
class TrialAndDismissalTest {

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    @Test
    void aCaseNeverRemovedIsTriedInStateCourt() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(startTrial("t1", STATE_COURT, "1998-03"))
                .expectEvents(trialStarted("t1", STATE_COURT, "1998-03", "d1"));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(startTrial("t1", DISTRICT_COURT, "1998-03"))
                .expectException(violating(Rules.TRIAL_IN_COURT_HOLDING_CASE))
                .expectNoEvents();
    }

    @Test
    void aRemovedCaseIsTriedInFederalDistrictCourt() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"),
                        removalAllowed("r1", "1998-01-12"))
                .when(startTrial("t1", DISTRICT_COURT, "1998-03", "d1"))
                .expectEvents(trialStarted("t1", DISTRICT_COURT, "1998-03", "d1"));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"),
                        removalAllowed("r1", "1998-01-12"))
                .when(startTrial("t1", STATE_COURT, "1998-03", "d1"))
                .expectException(violating(Rules.TRIAL_IN_COURT_HOLDING_CASE))
                .expectNoEvents();
    }

    @Test
    void aTrialIsHeldInATrialCourt() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(startTrial("t1", new Court(CourtLevel.STATE_SUPREME, "Idaho Supreme Court"), "1998-03"))
                .expectException(violating(Rules.TRIAL_COURT_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void aTrialNeedsAnActiveChargeANewIdAndNoStandingImmunity() {
        fixture.given(caseOpened())
                .when(startTrial("t1", STATE_COURT, "1998-03"))
                .expectException(violating(Rules.ACTIVE_CHARGE_REQUIRED))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"))
                .when(startTrial("t1", STATE_COURT, "1998-04"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
        // habeas discharge leaves the charge standing, yet the grant still bars the trial
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), immunityAsserted("h1", HABEAS_CORPUS, "1997-09"),
                        immunityRuledOn("h1", GRANTED, false, "1997-10"))
                .when(startTrial("t1", STATE_COURT, "1998-03"))
                .expectException(violating(Rules.NO_TRIAL_UNDER_IMMUNITY))
                .expectNoEvents();
    }

    @Test
    void aMixedVerdictIsReturned() {
        List<CountFinding> findings = List.of(finding("c1", "d1", GUILTY), finding("c1", "d2", HUNG));
        fixture.given(caseOpened(INCIDENT, "d1", "d2"), chargeFiled("c1", "1997-08", "d1", "d2"),
                        trialStarted("t1", STATE_COURT, "1998-03", "d1", "d2"))
                .when(returnVerdict("t1", findings, "1998-04"))
                .expectEvents(verdictReturned("t1", findings, VerdictOutcome.MIXED, List.of(), "1998-04"));
    }

    @Test
    void aConvictionWhileRemovalIsPendingIsRecordedAndFlagged() {
        List<CountFinding> findings = List.of(finding("c1", "d1", GUILTY));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"),
                        removalNoticeFiled("r1", "1998-03-20"))
                .when(returnVerdict("t1", findings, "1998-04"))
                .expectEvents(verdictReturned("t1", findings, VerdictOutcome.GUILTY,
                        List.of(LegalFlag.CONVICTION_WHILE_REMOVAL_PENDING), "1998-04"));
    }

    @Test
    void anAcquittalWhileRemovalIsPendingIsNotFlagged() {
        List<CountFinding> findings = List.of(finding("c1", "d1", NOT_GUILTY));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"),
                        removalNoticeFiled("r1", "1998-03-20"))
                .when(returnVerdict("t1", findings, "1998-04"))
                .expectEvents(verdictReturned("t1", findings, VerdictOutcome.NOT_GUILTY,
                        List.of(), "1998-04"));
    }

    @Test
    void aVerdictComesOnceInATrialThatStartedAndNamesItsCounts() {
        List<CountFinding> guilty = List.of(finding("c1", "d1", GUILTY));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(returnVerdict("t1", guilty, "1998-04"))
                .expectException(violating(Rules.TRIAL_MUST_EXIST))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"),
                        verdictReturned("t1", guilty, VerdictOutcome.GUILTY, List.of(), "1998-04"))
                .when(returnVerdict("t1", guilty, "1998-05"))
                .expectException(violating(Rules.VERDICT_ONCE))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"))
                .when(returnVerdict("t1", List.of(new CountFinding("c1", 7, "d1", GUILTY)), "1998-04"))
                .expectException(violating(Rules.FINDING_MUST_MATCH_TRIAL))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03-10"))
                .when(returnVerdict("t1", guilty, "1998-03-09"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void aSentenceFollowsAGuiltyFinding() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"),
                        verdictReturned("t1", List.of(finding("c1", "d1", GUILTY)), VerdictOutcome.GUILTY,
                                List.of(), "1998-04"))
                .when(imposeSentence("t1", "d1", "1998-06"))
                .expectEvents(sentenceImposed("t1", "d1", "1998-06"));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"),
                        verdictReturned("t1", List.of(finding("c1", "d1", NOT_GUILTY)),
                                VerdictOutcome.NOT_GUILTY, List.of(), "1998-04"))
                .when(imposeSentence("t1", "d1", "1998-06"))
                .expectException(violating(Rules.GUILTY_FINDING_REQUIRED))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998-03"),
                        verdictReturned("t1", List.of(finding("c1", "d1", GUILTY)), VerdictOutcome.GUILTY,
                                List.of(), "1998-04-20"))
                .when(imposeSentence("t1", "d1", "1998-04-19"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void activeChargesAreDismissed() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), chargeFiled("c2", "1997-09"))
                .when(dismissCharges("2001-06-14", "c1", "c2"))
                .expectEvents(chargesDismissed("2001-06-14", "c1", "c2"));
    }

    @Test
    void onlyExistingActiveChargesAreDismissedAndNotBeforeFiling() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(dismissCharges("2001-06-14", "c1", "c9"))
                .expectException(violating(Rules.CHARGE_MUST_EXIST))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), chargesDismissed("2001-06-14", "c1"))
                .when(dismissCharges("2001-06-15", "c1"))
                .expectException(violating(Rules.CHARGE_MUST_BE_ACTIVE))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(dismissCharges("1997-07", "c1"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void decisionsAreVacatedAsMootOnceTheCaseHasEnded() {
        List<Object> decided = List.of(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998"),
                verdictReturned("t1", List.of(finding("c1", "d1", GUILTY)), VerdictOutcome.GUILTY,
                        List.of(), "1998-10"),
                appealFiled("a1", decision(DecisionKind.JUDGMENT, "t1"), "1998-11"),
                appealDecided("a1", PANEL, AFFIRMED, "2000"));
        List<Object> ended = new java.util.ArrayList<>(decided);
        ended.add(chargesDismissed("2001", "c1"));
        fixture.given(ended)
                .when(vacateAsMoot("2001-09-14", "a1"))
                .expectEvents(vacatedAsMoot("2001-09-14", "a1"));
        fixture.given(decided)
                .when(vacateAsMoot("2001-09-14", "a1"))
                .expectException(violating(Rules.CASE_MUST_HAVE_ENDED))
                .expectNoEvents();
        fixture.given(ended)
                .when(vacateAsMoot("2001-09-14", "a1", "a9"))
                .expectException(violating(Rules.APPEAL_MUST_BE_FILED))
                .expectNoEvents();
    }
}
