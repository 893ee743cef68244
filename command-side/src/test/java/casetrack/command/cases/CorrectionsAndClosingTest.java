package casetrack.command.cases;

import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.Bench;
import casetrack.shared.value.CaseOutcome;
import casetrack.shared.value.DecisionKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static casetrack.command.cases.CaseSteps.*;
import static casetrack.shared.value.ImmunityOutcome.GRANTED;
import static casetrack.shared.value.ImmunityRoute.MOTION_TO_DISMISS;
import static org.hamcrest.Matchers.containsString;

/** Closing and reopening; corrections and retractions, and how they change what later rules see. */
class CorrectionsAndClosingTest {

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    @Test
    void anOpenCaseIsClosedOnceAndAClosedOneReopened() {
        fixture.given(caseOpened())
                .when(closeCase(CaseOutcome.NO_CHARGES, "1995"))
                .expectEvents(caseClosed(CaseOutcome.NO_CHARGES, "1995"));
        fixture.given(caseOpened(), caseClosed(CaseOutcome.NO_CHARGES, "1995"))
                .when(closeCase(CaseOutcome.DISMISSED, "1996"))
                .expectException(violating(Rules.CASE_MUST_BE_OPEN))
                .expectNoEvents();
        fixture.given(caseOpened(), caseClosed(CaseOutcome.NO_CHARGES, "1995"))
                .when(reopenCase("1997"))
                .expectEvents(caseReopened("1997"));
        fixture.given(caseOpened())
                .when(reopenCase("1997"))
                .expectException(violating(Rules.CASE_MUST_BE_CLOSED))
                .expectNoEvents();
    }

    @Test
    void closingWithoutADateIsDatedToday() {
        fixture.givenCurrentTime(Instant.parse("2025-01-31T23:59:00Z"))
                .andGiven(caseOpened())
                .when(closeCase(CaseOutcome.OTHER, null))
                .expectEvents(caseClosed(CaseOutcome.OTHER, "2025-01-31"));
    }

    @Test
    void aReopenedCaseAcceptsStepsAgain() {
        fixture.given(caseOpened(), caseClosed(CaseOutcome.NO_CHARGES, "1995"), caseReopened("1997"))
                .when(fileStateCharge("c1", "1997-08", "d1"))
                .expectEvents(chargeFiled("c1", "1997-08", "d1"));
    }

    @Test
    void aClosedCaseAcceptsACorrection() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), caseClosed(CaseOutcome.OTHER, "2001"));
        String charge = entryId(fixture, 1);
        given.when(correctEntry(charge, "1997-08-21", "2002"))
                .expectEvents(entryCorrected(charge, "1997-08-21", "2002"));
    }

    @Test
    void aCorrectedDateIsTheEntrysDateForLaterRules() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"));
        String charge = entryId(fixture, 1);
        given.andGiven(entryCorrected(charge, "1997-08-21", "1997-09"))
                .when(recordCustody("1997-08-15", "d1"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_CHARGE))
                .expectNoEvents();
    }

    @Test
    void retractingACorrectionRestoresTheOriginalDate() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"));
        String charge = entryId(fixture, 1);
        given.andGiven(entryCorrected(charge, "1997-08-21", "1997-09"));
        String correction = entryId(fixture, 2);
        given.andGiven(entryRetracted(correction, "1997-10"))
                .when(recordCustody("1997-08-15", "d1"))
                .expectEvents(custody("1997-08-15", "d1"));
    }

    @Test
    void aCorrectionChangesSomething() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"));
        String charge = entryId(fixture, 1);
        given.when(correctEntry(charge, null, "1998"))
                .expectException(violating(Rules.CORRECTION_MUST_CHANGE_SOMETHING))
                .expectNoEvents();
    }

    @Test
    void aCorrectionNamesALiveEntryThatIsNotARetraction() {
        fixture.given(caseOpened())
                .when(correctEntry("00000000-0000-0000-0000-000000000000", "1997", "1998"))
                .expectException(violating(Rules.ENTRY_MUST_EXIST))
                .expectNoEvents();
        TestExecutor<Case> given = fixture.given(caseOpened(), statementMade("1997"));
        String statement = entryId(fixture, 1);
        given.andGiven(entryRetracted(statement, "1998"))
                .when(correctEntry(statement, "1996", "1998"))
                .expectException(violating(Rules.ENTRY_ALREADY_RETRACTED))
                .expectNoEvents();
    }

    @Test
    void aRetractionIsNeitherCorrectedNorRetracted() {
        TestExecutor<Case> history = fixture.given(caseOpened(), statementMade("1997"));
        String statement = entryId(fixture, 1);
        history.andGiven(entryRetracted(statement, "1998"));
        String retraction = entryId(fixture, 2);
        history.when(correctEntry(retraction, "1998-01", "1999"))
                .expectException(violating(Rules.RETRACTION_IS_FINAL))
                .expectNoEvents();
        history.when(retractEntry(retraction, "1999"))
                .expectException(violating(Rules.RETRACTION_IS_FINAL))
                .expectNoEvents();
    }

    @Test
    void aCorrectedDateIsNotBeforeTheIncident() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"));
        String charge = entryId(fixture, 1);
        given.when(correctEntry(charge, "1991", "1998"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_INCIDENT))
                .expectNoEvents();
    }

    @Test
    void aStepIsRetracted() {
        TestExecutor<Case> given = fixture.given(caseOpened(), statementMade("1997"));
        String statement = entryId(fixture, 1);
        given.when(retractEntry(statement, "1998"))
                .expectEvents(entryRetracted(statement, "1998"))
                .expectResultMessagePayloadMatching(result(2, 1));
    }

    @Test
    void theOpeningIsNotRetracted() {
        TestExecutor<Case> given = fixture.given(caseOpened());
        String opening = entryId(fixture, 0);
        given.when(retractEntry(opening, "1998"))
                .expectException(violating(Rules.OPENING_CANNOT_BE_RETRACTED))
                .expectExceptionMessage("The opening of a case cannot be retracted; close the case instead (outcome OTHER, with a note).")
                .expectNoEvents();
    }

    @Test
    void anEntryOthersDependOnIsRetractedOnlyAfterThem() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), arraigned("1997-09", "d1"));
        String charge = entryId(fixture, 1);
        String arraignment = entryId(fixture, 2);
        given.when(retractEntry(charge, "1998"))
                .expectException(violating(Rules.RETRACT_DEPENDENTS_FIRST))
                .expectExceptionMessage("Entry StateChargeFiled " + charge + " is relied on by later steps (DefendantArraigned "
                        + arraignment + "); retract the steps that depend on it first.")
                .expectNoEvents();
    }

    @Test
    void onceItsDependentsAreRetractedAnEntryCanBe() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), arraigned("1997-09", "d1"));
        String charge = entryId(fixture, 1);
        String arraignment = entryId(fixture, 2);
        given.andGiven(entryRetracted(arraignment, "1998"))
                .when(retractEntry(charge, "1998"))
                .expectEvents(entryRetracted(charge, "1998"));
    }

    @Test
    void retractingAnAllowedRemovalPutsTheRemovalBackToPending() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"),
                removalNoticeFiled("r1", "1998-01"), removalAllowed("r1", "1998-01-12"));
        String allowed = entryId(fixture, 3);
        given.andGiven(entryRetracted(allowed, "1998-02"))
                .when(remand("r1", "1998-03"))
                .expectEvents(remanded("r1", "1998-03"));
    }

    @Test
    void retractingAGrantRevivesTheCharge() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"),
                immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"), immunityRuledOn("m1", GRANTED, false, "1998-05-14"));
        String grant = entryId(fixture, 3);
        given.andGiven(entryRetracted(grant, "1998-06"))
                .when(dismissCharges("1998-07", "c1"))
                .expectEvents(chargesDismissed("1998-07", "c1"));
    }

    @Test
    void aRulingThatWasAppealedIsNotRetractedBeforeTheAppeal() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"),
                immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"), immunityRuledOn("m1", GRANTED, false, "1998-05-14"),
                appealFiled("a1", decision(DecisionKind.IMMUNITY_RULING, "m1"), "1998"));
        String grant = entryId(fixture, 3);
        given.when(retractEntry(grant, "1999"))
                .expectException(violating(Rules.RETRACT_DEPENDENTS_FIRST))
                .expectNoEvents();
    }

    @Test
    void retractingTheClosingReopensTheCase() {
        TestExecutor<Case> given = fixture.given(caseOpened(), caseClosed(CaseOutcome.NO_CHARGES, "1995"));
        String closing = entryId(fixture, 1);
        given.andGiven(entryRetracted(closing, "1996"))
                .when(recordStatement("1996"))
                .expectEvents(statementMade("1996"));
    }

    @Test
    void anEntryIsRetractedOnce() {
        TestExecutor<Case> given = fixture.given(caseOpened(), statementMade("1997"));
        String statement = entryId(fixture, 1);
        given.andGiven(entryRetracted(statement, "1998"))
                .when(retractEntry(statement, "1999"))
                .expectException(violating(Rules.ENTRY_ALREADY_RETRACTED))
                .expectNoEvents();
    }

    @Test
    void aDismissalIsNotRetractedWhileDecisionsStandVacatedAsMootBecauseOfIt() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"),
                chargesDismissed("1998-02", "c1"), appealFiled("a1", decision(DecisionKind.DISMISSAL, "c1"), "1998-03"),
                appealDecided("a1", Bench.PANEL, AppealOutcome.AFFIRMED, "1999"),
                vacatedAsMoot("1999-06", "a1"));
        String vacatur = entryId(fixture, 5);
        String dismissal = entryId(fixture, 2);
        given.when(retractEntry(dismissal, "2000"))
                .expectException(violating(Rules.RETRACT_DEPENDENTS_FIRST))
                .expectExceptionMessage(containsString("DecisionsVacatedAsMoot " + vacatur))
                .expectNoEvents();
    }

    @Test
    void aCorrectedDateKeepsDecisionsAfterWhatTheyAnswer() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"),
                immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"), immunityRuledOn("m1", GRANTED, false, "1998-05-14"));
        String claim = entryId(fixture, 2);
        String ruling = entryId(fixture, 3);
        given.when(correctEntry(claim, "1998-06-01", "2002"))
                .expectException(violating(Rules.CORRECTION_KEEPS_DATES_IN_ORDER))
                .expectExceptionMessage("With this change ImmunityRuledOn " + ruling + " (1998-05-14) would come before ImmunityAsserted "
                        + claim + " (1998-06-01), which it answers; correct the dates together, one step at a time.")
                .expectNoEvents();
    }

    @Test
    void aLaterIncidentDateMayNotLeaveStepsBeforeIt() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"));
        String opening = entryId(fixture, 0);
        given.when(correctEntry(opening, "1998", "2002"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_INCIDENT))
                .expectNoEvents();
        given.when(correctEntry(opening, "1992-08-23", "2002"))
                .expectEvents(entryCorrected(opening, "1992-08-23", "2002"));
    }

    @Test
    void aCorrectionIsNotRetractedWhenLaterStepsRestOnTheCorrectedDate() {
        TestExecutor<Case> given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"));
        String charge = entryId(fixture, 1);
        given.andGiven(entryCorrected(charge, "1997-06-10", "1997-07"));
        String correction = entryId(fixture, 2);
        given.andGiven(custody("1997-07-01", "d1"))
                .when(retractEntry(correction, "1997-09"))
                .expectException(violating(Rules.CORRECTION_KEEPS_DATES_IN_ORDER))
                .expectNoEvents();
    }
}
