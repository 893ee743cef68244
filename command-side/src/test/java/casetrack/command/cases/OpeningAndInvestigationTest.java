package casetrack.command.cases;

import casetrack.shared.event.CaptionChanged;
import casetrack.shared.value.CaseOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.Message;
import org.hamcrest.CustomMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static casetrack.command.cases.CaseSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.any;

/** Opening a case, its defendants and caption, investigations, evidence disputes, federal actions and statements. */
class OpeningAndInvestigationTest {

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    @Test
    void openingACaseRecordsTheIncidentAndAnswersWithVersionZeroAndTheEventId() {
        List<String> publishedIds = new ArrayList<>();
        AtomicReference<Object> answer = new AtomicReference<>();
        fixture.givenNoPriorActivity()
                .when(openCase(INCIDENT))
                .expectEvents(caseOpened())
                .expectEventsMatching(collectingIds(publishedIds))
                .expectResultMessagePayloadMatching(result(0, 1))
                .expectResultMessageMatching(new CustomMatcher<>("any result") {
                    @Override
                    public boolean matches(Object item) {
                        answer.set(((Message<?>) item).getPayload());
                        return true;
                    }
                });
        assertThat(((CommandResult) answer.get()).eventIds()).isEqualTo(publishedIds).hasSize(1);
    }

    @Test
    void aCaseIdIsOpenedOnceAndTheEventStoreRefusesASecondOpening() {
        // creation policy ALWAYS does not load the case, so the refusal comes from the store (HTTP 409), not from a rule
        fixture.given(caseOpened())
                .when(openCase(INCIDENT))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void openingACaseRefusesTheSameDefendantTwice() {
        fixture.givenNoPriorActivity()
                .when(openCase(INCIDENT, "d1", "d1"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
    }

    @Test
    void aLaterStepAnswersWithTheSequenceNumberOfItsEvent() {
        fixture.given(caseOpened(), defendantAdded("d2", "1997-08"))
                .when(addDefendant("d3", "1997-09"))
                .expectEvents(defendantAdded("d3", "1997-09"))
                .expectResultMessagePayloadMatching(result(2, 1));
    }

    @Test
    void aDefendantIdIsNotReused() {
        fixture.given(caseOpened())
                .when(addDefendant("d1", "1997-08"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectExceptionMessage("This case already has a defendant \"d1\"; choose a new id, or refer to the existing one with the step that concerns it.")
                .expectNoEvents();
    }

    @Test
    void noStepIsDatedBeforeTheIncident() {
        fixture.given(caseOpened())
                .when(addDefendant("d2", "1992-08-21"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_INCIDENT))
                .expectNoEvents();
    }

    @Test
    void aStepDatedOnlyByTheIncidentYearIsNotBeforeTheIncident() {
        fixture.given(caseOpened())
                .when(addDefendant("d2", "1992"))
                .expectEvents(defendantAdded("d2", "1992"));
    }

    @Test
    void aCaptionChangeWithoutDateIsDatedTodayByTheEventClock() {
        fixture.givenCurrentTime(Instant.parse("2024-03-01T10:00:00Z"))
                .andGiven(caseOpened())
                .when(changeCaption("Idaho v. Horiuchi, 253 F.3d 359", null))
                .expectEvents(new CaptionChanged(CASE, "Idaho v. Horiuchi, 253 F.3d 359",
                        date("2024-03-01"), List.of(), null, null));
    }

    @Test
    void theCaptionOfAClosedCaseDoesNotChange() {
        fixture.given(caseOpened(), caseClosed(CaseOutcome.OTHER, "2001"))
                .when(changeCaption("New title", "2001"))
                .expectException(violating(Rules.CASE_MUST_BE_OPEN))
                .expectNoEvents();
    }

    @Test
    void anInvestigationIsOpenedClosedAndBlocked() {
        fixture.given(caseOpened())
                .when(openInvestigation("isp", "1992-09"))
                .expectEvents(investigationOpened("isp", "1992-09"));
        fixture.given(caseOpened(), investigationOpened("isp", "1992-09"))
                .when(blockInvestigation("isp", "1993"))
                .expectEvents(investigationBlocked("isp", "1993"));
        fixture.given(caseOpened(), investigationOpened("isp", "1992-09"), investigationBlocked("isp", "1993"))
                .when(closeInvestigation("isp", "1994"))
                .expectEvents(investigationClosed("isp", "1994"));
    }

    @Test
    void anInvestigationIdIsNotReused() {
        fixture.given(caseOpened(), investigationOpened("isp", "1992-09"))
                .when(openInvestigation("isp", "1993"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
    }

    @Test
    void aDeclinedInvestigationHasANewIdAndCannotBeClosed() {
        fixture.given(caseOpened())
                .when(declineInvestigation("doj", "1994"))
                .expectEvents(investigationDeclined("doj", "1994"));
        fixture.given(caseOpened(), investigationOpened("doj", "1993"))
                .when(declineInvestigation("doj", "1994"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
        fixture.given(caseOpened(), investigationDeclined("doj", "1994"))
                .when(closeInvestigation("doj", "1995"))
                .expectException(violating(Rules.INVESTIGATION_MUST_BE_OPEN))
                .expectNoEvents();
    }

    @Test
    void anInvestigationNeverOpenedOrAlreadyClosedIsNeitherClosedNorBlocked() {
        fixture.given(caseOpened())
                .when(closeInvestigation("isp", "1993"))
                .expectException(violating(Rules.INVESTIGATION_MUST_BE_OPEN))
                .expectExceptionMessage("Investigation \"isp\" was never opened in this case; record its opening first.")
                .expectNoEvents();
        fixture.given(caseOpened(), investigationOpened("isp", "1992-09"), investigationClosed("isp", "1993"))
                .when(blockInvestigation("isp", "1994"))
                .expectException(violating(Rules.INVESTIGATION_MUST_BE_OPEN))
                .expectNoEvents();
    }

    @Test
    void anInvestigationIsNotClosedBeforeItWasOpened() {
        fixture.given(caseOpened(), investigationOpened("isp", "1993-05"))
                .when(closeInvestigation("isp", "1993-04"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void evidenceDisputesFederalActionsAndStatementsNeedAnOpenCase() {
        fixture.given(caseOpened())
                .when(disputeEvidenceAccess("1995"))
                .expectEvents(evidenceDisputed("1995"));
        fixture.given(caseOpened())
                .when(recordFederalAction("1997-09"))
                .expectEvents(federalActionTaken("1997-09"));
        fixture.given(caseOpened())
                .when(recordStatement("1997-08-21"))
                .expectEvents(statementMade("1997-08-21"));
        fixture.given(caseOpened(), caseClosed(CaseOutcome.OTHER, "2001"))
                .when(disputeEvidenceAccess("2001"))
                .expectException(violating(Rules.CASE_MUST_BE_OPEN))
                .expectNoEvents();
        fixture.given(caseOpened())
                .when(recordFederalAction("1990"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_INCIDENT))
                .expectNoEvents();
        fixture.given(caseOpened(), caseClosed(CaseOutcome.OTHER, "2001"))
                .when(recordStatement("2002"))
                .expectException(any(RuleViolation.class))
                .expectExceptionMessage("Case \"" + CASE + "\" is closed; only corrections, retractions and reopening are accepted. Reopen the case first.")
                .expectNoEvents();
    }
}
