package casetrack.command.cases;

import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.Bench;
import casetrack.shared.value.DecisionKind;
import casetrack.shared.value.Finding;
import casetrack.shared.value.ProceedingKind;
import casetrack.shared.value.VerdictOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static casetrack.command.cases.CaseSteps.*;
import static casetrack.shared.value.ImmunityOutcome.DENIED;
import static casetrack.shared.value.ImmunityOutcome.GRANTED;
import static casetrack.shared.value.ImmunityRoute.HABEAS_CORPUS;
import static casetrack.shared.value.ImmunityRoute.MOTION_TO_DISMISS;

/** Immunity claims and rulings, their effect on the charges, and hearings. */
class ImmunityAndHearingsTest {

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    private List<Object> charged() {
        return List.of(caseOpened(), chargeFiled("c1", "1997-08"));
    }

    private List<Object> charged(Object... more) {
        List<Object> events = new java.util.ArrayList<>(charged());
        events.addAll(List.of(more));
        return events;
    }

    @Test
    void immunityIsAssertedByMotionAgainstAnActiveCharge() {
        fixture.given(charged())
                .when(assertImmunity("m1", MOTION_TO_DISMISS, "1998-02-09"))
                .expectEvents(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09", "d1"));
    }

    @Test
    void immunityByHabeasCorpusNeedsNoRemoval() {
        fixture.given(charged(custody("1997-09", "d1")))
                .when(assertImmunity("h1", HABEAS_CORPUS, "1997-10", "d1"))
                .expectEvents(immunityAsserted("h1", HABEAS_CORPUS, "1997-10", "d1"));
    }

    @Test
    void immunityIsClaimedAgainstACharge() {
        fixture.given(caseOpened())
                .when(assertImmunity("m1", MOTION_TO_DISMISS, "1998-02-09", "d1"))
                .expectException(violating(Rules.ACTIVE_CHARGE_REQUIRED))
                .expectNoEvents();
        fixture.given(charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09")))
                .when(assertImmunity("m1", MOTION_TO_DISMISS, "1998-03", "d1"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
        fixture.given(charged())
                .when(assertImmunity("m1", MOTION_TO_DISMISS, "1997-07", "d1"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_CHARGE))
                .expectNoEvents();
    }

    @Test
    void aPendingClaimIsRuledOn() {
        fixture.given(charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09")))
                .when(ruleOnImmunity("m1", GRANTED, "1998-05-14"))
                .expectEvents(immunityRuledOn("m1", GRANTED, false, "1998-05-14"));
    }

    @Test
    void aRulingNeedsAClaimAwaitingItAndNotBeforeIt() {
        fixture.given(charged())
                .when(ruleOnImmunity("m1", GRANTED, "1998-05-14"))
                .expectException(violating(Rules.CLAIM_MUST_EXIST))
                .expectExceptionMessage("No immunity claim \"m1\" has been asserted in this case; record the claim before the ruling on it.")
                .expectNoEvents();
        fixture.given(charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"),
                        immunityRuledOn("m1", DENIED, false, "1998-05-14")))
                .when(ruleOnImmunity("m1", GRANTED, "1998-06"))
                .expectException(violating(Rules.CLAIM_MUST_AWAIT_RULING))
                .expectNoEvents();
        fixture.given(charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09")))
                .when(ruleOnImmunity("m1", GRANTED, "1998-02-08"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void aRulingAfterAVerdictSaysSo() {
        fixture.given(charged(trialStarted("t1", STATE_COURT, "1998-06"),
                        verdictReturned("t1", List.of(finding("c1", "d1", Finding.GUILTY)), VerdictOutcome.GUILTY, List.of(), "1998-07"),
                        immunityAsserted("h1", HABEAS_CORPUS, "1998-08")))
                .when(ruleOnImmunity("h1", DENIED, "1998-09"))
                .expectEvents(immunityRuledOn("h1", DENIED, true, "1998-09"));
    }

    @Test
    void aGrantByMotionDismissesTheChargesSoTheyCannotBeDismissedAgain() {
        fixture.given(charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"),
                        immunityRuledOn("m1", GRANTED, false, "1998-05-14")))
                .when(dismissCharges("1998-06", "c1"))
                .expectException(violating(Rules.CHARGE_MUST_BE_ACTIVE))
                .expectNoEvents();
    }

    @Test
    void aReversalOfTheGrantRevivesTheChargesAndReopensTheClaim() {
        List<Object> reversed = charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"),
                immunityRuledOn("m1", GRANTED, false, "1998-05-14"),
                appealFiled("a1", decision(DecisionKind.IMMUNITY_RULING, "m1"), "1998"),
                appealDecided("a1", Bench.PANEL, AppealOutcome.REVERSED_AND_REMANDED, "2000-06-14"));
        fixture.given(reversed)
                .when(dismissCharges("2001-06-14", "c1"))
                .expectEvents(chargesDismissed("2001-06-14", "c1"));
        fixture.given(reversed)
                .when(ruleOnImmunity("m1", DENIED, "2001-01"))
                .expectEvents(immunityRuledOn("m1", DENIED, false, "2001-01"));
    }

    @Test
    void anEnBancAffirmanceOfTheGrantUndoesThePanelReversal() {
        fixture.given(charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"),
                        immunityRuledOn("m1", GRANTED, false, "1998-05-14"),
                        appealFiled("a1", decision(DecisionKind.IMMUNITY_RULING, "m1"), "1998"),
                        appealDecided("a1", Bench.PANEL, AppealOutcome.REVERSED, "2000-06-14"),
                        enBancDecided("a1", true, "2000-09"),
                        appealDecided("a1", Bench.EN_BANC, AppealOutcome.AFFIRMED, "2001-06-05")))
                .when(dismissCharges("2001-06-14", "c1"))
                .expectException(violating(Rules.CHARGE_MUST_BE_ACTIVE))
                .expectNoEvents();
    }

    @Test
    void aHearingIsScheduledInAProceedingThatExists() {
        fixture.given(charged(immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09")))
                .when(scheduleHearing("hg1", proceeding(ProceedingKind.IMMUNITY_CLAIM, "m1"), "1998-02-20"))
                .expectEvents(hearingScheduled("hg1", proceeding(ProceedingKind.IMMUNITY_CLAIM, "m1"), "1998-02-20"));
        fixture.given(charged())
                .when(scheduleHearing("hg1", proceeding(ProceedingKind.IMMUNITY_CLAIM, "m1"), "1998-02-20"))
                .expectException(violating(Rules.PROCEEDING_MUST_EXIST))
                .expectNoEvents();
        fixture.given(charged(hearingScheduled("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-10")))
                .when(scheduleHearing("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-11"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
    }

    @Test
    void aScheduledHearingIsHeldAndAnUnscheduledOneIsRecordedAsHeld() {
        fixture.given(charged(hearingScheduled("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-10")))
                .when(holdHearing("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-12"))
                .expectEvents(hearingHeld("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-12"));
        fixture.given(charged())
                .when(holdHearing("prelim", proceeding(ProceedingKind.CHARGE, "c1"), "1997-12"))
                .expectEvents(hearingHeld("prelim", proceeding(ProceedingKind.CHARGE, "c1"), "1997-12"));
    }

    @Test
    void aHearingIsHeldOnceAndInAProceedingThatExists() {
        fixture.given(charged(hearingHeld("prelim", proceeding(ProceedingKind.CHARGE, "c1"), "1997-12")))
                .when(holdHearing("prelim", proceeding(ProceedingKind.CHARGE, "c1"), "1998-01"))
                .expectException(violating(Rules.HEARING_MUST_BE_ON_CALENDAR))
                .expectNoEvents();
        fixture.given(charged())
                .when(holdHearing("h", proceeding(ProceedingKind.TRIAL, "t1"), "1998-01"))
                .expectException(violating(Rules.PROCEEDING_MUST_EXIST))
                .expectNoEvents();
    }

    @Test
    void aScheduledHearingIsPostponedThenVacated() {
        fixture.given(charged(hearingScheduled("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-10")))
                .when(postponeHearing("hg1", "1997-11"))
                .expectEvents(hearingPostponed("hg1", "1997-11"));
        fixture.given(charged(hearingScheduled("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-10"),
                        hearingPostponed("hg1", "1997-11")))
                .when(vacateHearing("hg1", "1997-12"))
                .expectEvents(hearingVacated("hg1", "1997-12"));
    }

    @Test
    void onlyAHearingOnTheCalendarIsPostponedOrVacated() {
        fixture.given(charged())
                .when(postponeHearing("hg1", "1997-11"))
                .expectException(violating(Rules.HEARING_MUST_EXIST))
                .expectNoEvents();
        fixture.given(charged(hearingScheduled("hg1", proceeding(ProceedingKind.CHARGE, "c1"), "1997-10"),
                        hearingVacated("hg1", "1997-11")))
                .when(vacateHearing("hg1", "1997-12"))
                .expectException(violating(Rules.HEARING_MUST_BE_ON_CALENDAR))
                .expectExceptionMessage("Hearing \"hg1\" was already vacated; schedule a new hearing instead.")
                .expectNoEvents();
    }
}
