package casetrack.command.cases;

import casetrack.shared.value.DecisionKind;
import casetrack.shared.value.DecisionRef;
import casetrack.shared.value.Finding;
import casetrack.shared.value.VerdictOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static casetrack.command.cases.CaseSteps.*;
import static casetrack.shared.value.AppealOutcome.AFFIRMED;
import static casetrack.shared.value.AppealOutcome.REVERSED;
import static casetrack.shared.value.Bench.EN_BANC;
import static casetrack.shared.value.Bench.PANEL;
import static casetrack.shared.value.ImmunityOutcome.GRANTED;
import static casetrack.shared.value.ImmunityRoute.MOTION_TO_DISMISS;

/** Appeals, amicus briefs, rehearing en banc, certiorari and Supreme Court decisions. */
class AppealsAndCertiorariTest {

    private static final DecisionRef RULING = decision(DecisionKind.IMMUNITY_RULING, "m1");

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    /** Charged 1997-08, immunity granted 1998-05-14, then {@code more}. */
    private static List<Object> ruled(Object... more) {
        List<Object> events = new ArrayList<>(List.of(caseOpened(), chargeFiled("c1", "1997-08"),
                immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"), immunityRuledOn("m1", GRANTED, false, "1998-05-14")));
        events.addAll(List.of(more));
        return events;
    }

    private static List<Object> appealed(Object... more) {
        List<Object> events = ruled(appealFiled("a1", RULING, "1998"));
        events.addAll(List.of(more));
        return events;
    }

    private static List<Object> panelDecided(Object... more) {
        List<Object> events = appealed(appealDecided("a1", PANEL, AFFIRMED, "2000-06-14"));
        events.addAll(List.of(more));
        return events;
    }

    @Test
    void aRulingIsAppealed() {
        fixture.given(ruled())
                .when(fileAppeal("a1", RULING, "1998-06"))
                .expectEvents(appealFiled("a1", RULING, "1998-06"));
    }

    @Test
    void anAppealNamesADecisionThatExists() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), immunityAsserted("m1", MOTION_TO_DISMISS, "1998-02-09"))
                .when(fileAppeal("a1", RULING, "1998-06"))
                .expectException(violating(Rules.APPEALED_DECISION_MUST_EXIST))
                .expectExceptionMessage("There is no ruling on the immunity claim \"m1\" in this case to appeal; record the decision before the appeal.")
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"),
                        removalAllowed("r1", "1998-01-12"))
                .when(fileAppeal("a1", decision(DecisionKind.REMAND_ORDER, "r1"), "1998-06"))
                .expectException(violating(Rules.APPEALED_DECISION_MUST_EXIST))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"))
                .when(fileAppeal("a1", decision(DecisionKind.DISMISSAL, "c1"), "1998-06"))
                .expectException(violating(Rules.APPEALED_DECISION_MUST_EXIST))
                .expectNoEvents();
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998"))
                .when(fileAppeal("a1", decision(DecisionKind.JUDGMENT, "t1"), "1999"))
                .expectException(violating(Rules.APPEALED_DECISION_MUST_EXIST))
                .expectNoEvents();
        fixture.given(appealed())
                .when(fileAppeal("a2", decision(DecisionKind.APPEAL_DECISION, "a1"), "2000"))
                .expectException(violating(Rules.APPEALED_DECISION_MUST_EXIST))
                .expectNoEvents();
    }

    @Test
    void everyKindOfDecisionCanBeAppealed() {
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), removalNoticeFiled("r1", "1998-01"), remanded("r1", "1998-02"))
                .when(fileAppeal("a1", decision(DecisionKind.REMAND_ORDER, "r1"), "1998-03"))
                .expectEvents(appealFiled("a1", decision(DecisionKind.REMAND_ORDER, "r1"), "1998-03"));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), chargesDismissed("1998-02", "c1"))
                .when(fileAppeal("a1", decision(DecisionKind.DISMISSAL, "c1"), "1998-03"))
                .expectEvents(appealFiled("a1", decision(DecisionKind.DISMISSAL, "c1"), "1998-03"));
        fixture.given(caseOpened(), chargeFiled("c1", "1997-08"), trialStarted("t1", STATE_COURT, "1998"),
                        verdictReturned("t1", List.of(finding("c1", "d1", Finding.GUILTY)), VerdictOutcome.GUILTY, List.of(), "1998-10"))
                .when(fileAppeal("a1", decision(DecisionKind.JUDGMENT, "t1"), "1998-11"))
                .expectEvents(appealFiled("a1", decision(DecisionKind.JUDGMENT, "t1"), "1998-11"));
        fixture.given(panelDecided())
                .when(fileAppeal("a2", decision(DecisionKind.APPEAL_DECISION, "a1"), "2000-07"))
                .expectEvents(appealFiled("a2", decision(DecisionKind.APPEAL_DECISION, "a1"), "2000-07"));
    }

    @Test
    void anAppealIsNotFiledBeforeTheDecisionItAppealsNorReusesAnId() {
        fixture.given(ruled())
                .when(fileAppeal("a1", RULING, "1998-05-13"))
                .expectException(violating(Rules.APPEAL_NOT_BEFORE_DECISION))
                .expectNoEvents();
        fixture.given(appealed())
                .when(fileAppeal("a1", RULING, "1998-06"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
    }

    @Test
    void anAmicusBriefIsFiledInAnAppeal() {
        fixture.given(appealed())
                .when(fileAmicusBrief("a1", "1999"))
                .expectEvents(amicusFiled("a1", "1999"));
        fixture.given(ruled())
                .when(fileAmicusBrief("a1", "1999"))
                .expectException(violating(Rules.APPEAL_MUST_BE_FILED))
                .expectExceptionMessage("No appeal \"a1\" has been filed in this case; file the appeal first.")
                .expectNoEvents();
    }

    @Test
    void aYearPrecisionAppealIsDecidedOnADayOfThatYear() {
        fixture.given(ruled(appealFiled("a1", RULING, "1998")))
                .when(decideAppeal("a1", PANEL, AFFIRMED, "1998-05-20"))
                .expectEvents(appealDecided("a1", PANEL, AFFIRMED, "1998-05-20"));
    }

    @Test
    void aPanelDecidesAnAppealOnceAndNotBeforeItWasFiled() {
        fixture.given(ruled())
                .when(decideAppeal("a1", PANEL, AFFIRMED, "2000-06-14"))
                .expectException(violating(Rules.APPEAL_MUST_BE_FILED))
                .expectNoEvents();
        fixture.given(panelDecided())
                .when(decideAppeal("a1", PANEL, REVERSED, "2000-07"))
                .expectException(violating(Rules.PANEL_DECISION_ONCE))
                .expectNoEvents();
        fixture.given(ruled(appealFiled("a1", RULING, "1998-07")))
                .when(decideAppeal("a1", PANEL, AFFIRMED, "1998-06"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void anEnBancDecisionNeedsRehearingGrantedAndComesOnce() {
        fixture.given(panelDecided(enBancDecided("a1", true, "2000")))
                .when(decideAppeal("a1", EN_BANC, REVERSED, "2001-06-05"))
                .expectEvents(appealDecided("a1", EN_BANC, REVERSED, "2001-06-05"));
        fixture.given(panelDecided(enBancDecided("a1", false, "2000")))
                .when(decideAppeal("a1", EN_BANC, REVERSED, "2001-06-05"))
                .expectException(violating(Rules.EN_BANC_REHEARING_MUST_BE_GRANTED))
                .expectNoEvents();
        fixture.given(panelDecided(enBancDecided("a1", true, "2000"), appealDecided("a1", EN_BANC, REVERSED, "2001-06-05")))
                .when(decideAppeal("a1", EN_BANC, AFFIRMED, "2001-07"))
                .expectException(violating(Rules.EN_BANC_REHEARING_MUST_BE_GRANTED))
                .expectNoEvents();
        fixture.given(panelDecided(enBancDecided("a1", true, "2000")))
                .when(decideAppeal("a1", EN_BANC, REVERSED, "2000-06-13"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void rehearingEnBancIsPetitionedAfterAPanelDecision() {
        fixture.given(panelDecided())
                .when(petitionEnBanc("a1", "2000-06-28"))
                .expectEvents(enBancPetitioned("a1", "2000-06-28"));
        fixture.given(appealed())
                .when(petitionEnBanc("a1", "2000-06-28"))
                .expectException(violating(Rules.PANEL_DECISION_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void rehearingEnBancIsDecidedOnceEvenWithoutAPetition() {
        fixture.given(panelDecided())
                .when(decideEnBanc("a1", true, "2000"))
                .expectEvents(enBancDecided("a1", true, "2000"));
        fixture.given(panelDecided(enBancDecided("a1", false, "2000-09")))
                .when(decideEnBanc("a1", true, "2000-10"))
                .expectException(violating(Rules.REHEARING_EN_BANC_DECIDED_ONCE))
                .expectNoEvents();
        fixture.given(appealed())
                .when(decideEnBanc("a1", true, "2000"))
                .expectException(violating(Rules.PANEL_DECISION_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void certiorariIsPetitionedAfterTheAppealWasDecided() {
        fixture.given(panelDecided())
                .when(petitionCertiorari("p1", "a1", "2000-09"))
                .expectEvents(certiorariPetitioned("p1", "a1", "2000-09"));
        fixture.given(appealed())
                .when(petitionCertiorari("p1", "a1", "2000-09"))
                .expectException(violating(Rules.APPEAL_MUST_BE_DECIDED))
                .expectNoEvents();
        fixture.given(panelDecided(certiorariPetitioned("p1", "a1", "2000-09")))
                .when(petitionCertiorari("p1", "a1", "2000-10"))
                .expectException(violating(Rules.ID_MUST_BE_NEW))
                .expectNoEvents();
    }

    @Test
    void certiorariIsDecidedOnceOnAPetitionThatExists() {
        fixture.given(panelDecided(certiorariPetitioned("p1", "a1", "2000-09")))
                .when(decideCertiorari("p1", true, "2001-01"))
                .expectEvents(certiorariDecided("p1", true, "2001-01"));
        fixture.given(panelDecided())
                .when(decideCertiorari("p1", true, "2001-01"))
                .expectException(violating(Rules.PETITION_MUST_EXIST))
                .expectNoEvents();
        fixture.given(panelDecided(certiorariPetitioned("p1", "a1", "2000-09"), certiorariDecided("p1", false, "2001-01")))
                .when(decideCertiorari("p1", true, "2001-02"))
                .expectException(violating(Rules.CERTIORARI_DECIDED_ONCE))
                .expectNoEvents();
        fixture.given(panelDecided(certiorariPetitioned("p1", "a1", "2000-09")))
                .when(decideCertiorari("p1", true, "2000-08"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }

    @Test
    void theSupremeCourtDecidesOnceAfterGrantingCertiorari() {
        fixture.given(panelDecided(certiorariPetitioned("p1", "a1", "2000-09"), certiorariDecided("p1", true, "2001-01")))
                .when(decideSupremeCourtCase("p1", AFFIRMED, "2001-06"))
                .expectEvents(supremeCourtDecided("p1", AFFIRMED, "2001-06"));
        fixture.given(panelDecided(certiorariPetitioned("p1", "a1", "2000-09"), certiorariDecided("p1", false, "2001-01")))
                .when(decideSupremeCourtCase("p1", AFFIRMED, "2001-06"))
                .expectException(violating(Rules.CERTIORARI_MUST_BE_GRANTED))
                .expectNoEvents();
        fixture.given(panelDecided(certiorariPetitioned("p1", "a1", "2000-09"), certiorariDecided("p1", true, "2001-01-15")))
                .when(decideSupremeCourtCase("p1", AFFIRMED, "2001-01-14"))
                .expectException(violating(Rules.DECISION_NOT_BEFORE_FILING))
                .expectNoEvents();
    }
}
