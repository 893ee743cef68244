package casetrack.command.cases;

import casetrack.shared.value.LegalFlag;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static casetrack.command.cases.CaseSteps.*;

/** Notices of removal, the 30-day clock after arraignment, and the federal court's decision. */
class RemovalTest {

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    @Test
    void aTimelyNoticeIsNotFlagged() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08-21"), arraigned("1997-09-01", "d1"))
                .when(removeToFederalCourt("r1", "1997-10-01", null, "d1"))
                .expectEvents(removalNoticeFiled("r1", "1997-10-01", null, List.of(), "d1"));
    }

    @Test
    void aNoticeMoreThan30DaysAfterArraignmentIsRecordedAndFlaggedLate() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08-21"), arraigned("1997-09-01", "d1"))
                .when(removeToFederalCourt("r1", "1997-10-02", null, "d1"))
                .expectEvents(removalNoticeFiled("r1", "1997-10-02", null, List.of(LegalFlag.LATE_REMOVAL_NOTICE), "d1"));
    }

    @Test
    void aLateNoticeWithGoodCauseIsNotFlagged() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08-21"), arraigned("1997-09-01", "d1"))
                .when(removeToFederalCourt("r1", "1998-01", "the U.S. Attorney was not told of the charge", "d1"))
                .expectEvents(removalNoticeFiled("r1", "1998-01", "the U.S. Attorney was not told of the charge",
                        List.of(), "d1"));
    }

    @Test
    void aNoticeOnlyPossiblyLateIsNotFlagged() {
        // "1997-10" may mean October 1st, within 30 days of a September 1st arraignment
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08-21"), arraigned("1997-09-01", "d1"))
                .when(removeToFederalCourt("r1", "1997-10", null, "d1"))
                .expectEvents(removalNoticeFiled("r1", "1997-10", null, List.of(), "d1"));
    }

    @Test
    void aNoticeNeedsAnActiveChargeAndANewId() {
        fixture.given(caseOpened())
                .when(removeToFederalCourt("r1", "1998-01", null, "d1"))
                .expectException(violating(Rules.ACTIVE_CHARGE_REQUIRED))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"))
                .when(removeToFederalCourt("r1", "1998-02", null, "d1"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(removeToFederalCourt("r1", "1997-07", null, "d1"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_CHARGE))
                .expectNoEvents();
    }

    @Test
    void aPendingRemovalIsAllowed() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"))
                .when(allowRemoval("r1", "1998-01-12"))
                .expectEvents(removalAllowed("r1", "1998-01-12"));
    }

    @Test
    void aRemovalIsDecidedOnceAndNotBeforeItsNotice() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(allowRemoval("r1", "1998-01-12"))
                .expectException(violating(Rules.REMOVAL_MUST_EXIST))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"),
                        removalAllowed("r1", "1998-01-12"))
                .when(remand("r1", "1998-02"))
                .expectException(violating(Rules.REMOVAL_MUST_BE_PENDING))
                .expectExceptionMessage("Removal \"r1\" was already allowed; correct that entry instead.")
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01-20"))
                .when(allowRemoval("r1", "1998-01-12"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void aPendingRemovalIsRemanded() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"))
                .when(remand("r1", "1998-03"))
                .expectEvents(remanded("r1", "1998-03"));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(remand("r1", "1998-03"))
                .expectException(violating(Rules.REMOVAL_MUST_EXIST))
                .expectNoEvents();
    }
}
