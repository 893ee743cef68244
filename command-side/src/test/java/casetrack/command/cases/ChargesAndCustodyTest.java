package casetrack.command.cases;

import casetrack.shared.value.ChargeCount;
import casetrack.shared.value.OffenseGrade;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static casetrack.command.cases.CaseSteps.*;

/** Filing and amending charges, custody, arraignment and changes of prosecution authority. */
class ChargesAndCustodyTest {

    private static final List<ChargeCount> AMENDED = List.of(
            new ChargeCount(1, "Idaho Code 18-4006(2)", "involuntary manslaughter", OffenseGrade.FELONY),
            new ChargeCount(2, "Idaho Code 18-4006(3)", "vehicular manslaughter", OffenseGrade.MISDEMEANOR));

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    @Test
    void aChargeNamingNoDefendantIsFiledAgainstAllDefendants() {
        fixture.given(caseOpened(INCIDENT, "d1", "d2"))
                .when(fileStateCharge("c1", "1997-08"))
                .expectEvents(chargeFiled("c1", "1997-08", "d1", "d2"))
                .expectResultMessagePayloadMatching(result(1, 1));
    }

    @Test
    void aChargeNamesDefendantsOfTheCase() {
        fixture.given(caseOpened())
                .when(fileStateCharge("c1", "1997-08", "d9"))
                .expectException(violating(Rules.DEFENDANT_MUST_BE_IN_CASE))
                .expectExceptionMessage("\"d9\" is not a defendant in this case; add the defendant first.")
                .expectNoEvents();
    }

    @Test
    void aChargeIdIsNotReused() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(fileStateCharge("c1", "1997-09", "d1"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
    }

    @Test
    void anActiveChargeIsAmended() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(amendCharges("c1", AMENDED, "1997-10"))
                .expectEvents(chargesAmended("c1", AMENDED, "1997-10"));
    }

    @Test
    void onlyAnExistingActiveChargeIsAmended() {
        fixture.given(caseOpened())
                .when(amendCharges("c1", AMENDED, "1997-10"))
                .expectException(violating(Rules.CHARGE_MUST_EXIST))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), chargesDismissed("1997-09", "c1"))
                .when(amendCharges("c1", AMENDED, "1997-10"))
                .expectException(violating(Rules.CHARGE_MUST_BE_ACTIVE))
                .expectNoEvents();
    }

    @Test
    void custodyIsRecordedAgainstACharge() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(recordCustody("1997-09", "d1"))
                .expectEvents(custody("1997-09", "d1"));
    }

    @Test
    void custodyNeedsAnActiveChargeNotDatedAfterIt() {
        fixture.given(caseOpened())
                .when(recordCustody("1997-09", "d1"))
                .expectException(violating(Rules.ACTIVE_CHARGE_REQUIRED))
                .expectExceptionMessage("Defendant \"d1\" faces no active charge; file a charge before recording custody.")
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08-21"))
                .when(recordCustody("1997-08-20", "d1"))
                .expectException(violating(Rules.STEP_NOT_BEFORE_CHARGE))
                .expectNoEvents();
    }

    @Test
    void anArraignmentConcernsEveryDefendantWhenNoneIsNamed() {
        fixture.given(caseOpened(INCIDENT, "d1", "d2"), chargeFiled("c1", "1997-08", "d1", "d2"))
                .when(arraign("1997-09-01"))
                .expectEvents(arraigned("1997-09-01", "d1", "d2"));
    }

    @Test
    void anArraignmentNeedsAnActiveChargeAgainstEachDefendant() {
        fixture.given(caseOpened(INCIDENT, "d1", "d2"), chargeFiled("c1", "1997-08", "d1"))
                .when(arraign("1997-09-01", "d1", "d2"))
                .expectException(violating(Rules.ACTIVE_CHARGE_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void theProsecutionAuthorityChangesOnceAChargeExists() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(changeAuthority("2001-01"))
                .expectEvents(authorityChanged("2001-01"));
        fixture.given(caseOpened())
                .when(changeAuthority("2001-01"))
                .expectException(violating(Rules.CHARGE_MUST_EXIST))
                .expectNoEvents();
    }
}
