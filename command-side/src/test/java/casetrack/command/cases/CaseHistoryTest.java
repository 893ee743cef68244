package casetrack.command.cases;

import casetrack.command.cases.CaseState.ChargeStatus;
import casetrack.command.cases.CaseState.ClaimStatus;
import casetrack.command.cases.CaseState.RemovalStatus;
import casetrack.shared.command.CaseCommand;
import casetrack.shared.event.AppealDecided;
import casetrack.shared.event.CaseClosed;
import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.Bench;
import casetrack.shared.value.CaseOutcome;
import casetrack.shared.value.Court;
import casetrack.shared.value.CourtLevel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static casetrack.command.cases.CaseHistories.druryVLewis;
import static casetrack.command.cases.CaseHistories.idahoVHoriuchi;
import static casetrack.command.cases.CaseSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole cases from incident to their last step, as the record must be able to hold them. */
class CaseHistoryTest {

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture();
    }

    private static List<Object> first(List<CaseCommand> history, int count) {
        return List.copyOf(history.subList(0, count));
    }

    @Test
    void horiuchiRunsFromTheIncidentToItsClosing() {
        List<CaseCommand> history = idahoVHoriuchi();
        fixture.givenCommands(first(history, history.size() - 1))
                .when(history.get(history.size() - 1))
                .expectEvents(new CaseClosed(CASE, CaseOutcome.DISMISSED, date("2001-09-14"), SOURCES, null, null))
                .expectResultMessagePayloadMatching(result(history.size() - 1, 1))
                .expectState(c -> {
                    CaseState state = c.state();
                    assertThat(state.closed).isTrue();
                    assertThat(state.charges.get("manslaughter").status()).isEqualTo(ChargeStatus.DISMISSED);
                    assertThat(state.removals.get("removal").status).isEqualTo(RemovalStatus.ALLOWED);
                    assertThat(state.appeals.get("ninth-circuit").vacatedAsMoot).isTrue();
                });
    }

    @Test
    void inHoriuchiTheGrantDismissesTheChargeAndThePanelAffirmanceLeavesItDismissed() {
        List<CaseCommand> history = idahoVHoriuchi();
        fixture.givenCommands(first(history, 10))
                .when(history.get(10))
                .expectSuccessfulHandlerExecution()
                .expectState(c -> {
                    assertThat(c.state().charges.get("manslaughter").status()).isEqualTo(ChargeStatus.DISMISSED);
                    assertThat(c.state().claims.get("motion").standingGrant()).isTrue();
                });
    }

    @Test
    void inHoriuchiTheEnBancReversalRevivesTheChargeAndReopensTheClaim() {
        List<CaseCommand> history = idahoVHoriuchi();
        fixture.givenCommands(first(history, 13))
                .when(history.get(13))
                .expectEvents(new AppealDecided(CASE, "ninth-circuit", Bench.EN_BANC, AppealOutcome.REVERSED, 6, 5,
                        "253 F.3d 359", date("2001-06-05"), SOURCES, "disputed facts go to trial", null))
                .expectState(c -> {
                    assertThat(c.state().charges.get("manslaughter").status()).isEqualTo(ChargeStatus.ACTIVE);
                    assertThat(c.state().claims.get("motion").awaitsRuling()).isTrue();
                });
    }

    @Test
    void inHoriuchiNothingButACorrectionIsRecordedAfterTheClosing() {
        fixture.givenCommands(List.copyOf(idahoVHoriuchi()))
                .when(recordStatement("2001-09-20"))
                .expectException(violating(Rules.CASE_MUST_BE_OPEN))
                .expectNoEvents();
    }

    @Test
    void druryTakesTheHabeasRouteWithoutRemovalAndTheDenialIsAffirmed() {
        List<CaseCommand> history = druryVLewis();
        fixture.givenCommands(first(history, history.size() - 1))
                .when(history.get(history.size() - 1))
                .expectEvents(new AppealDecided(CASE, "supreme-court", Bench.PANEL, AppealOutcome.AFFIRMED, null, null,
                        "200 U.S. 1", date("1906-01-02"), SOURCES, null, null))
                .expectResultMessagePayloadMatching(result(history.size() - 1, 1))
                .expectState(c -> {
                    CaseState state = c.state();
                    assertThat(state.removals).isEmpty();
                    assertThat(state.claims.get("habeas").status).isEqualTo(ClaimStatus.DENIED);
                    assertThat(state.claims.get("habeas").defendants).containsExactly("drury", "dowd");
                    assertThat(state.charges.get("indictment").status()).isEqualTo(ChargeStatus.ACTIVE);
                });
    }

    @Test
    void afterDruryTheStateProsecutionMayGoToTrialInStateCourt() {
        // not in the sources: shows that the refused habeas leaves the state court free to try them
        fixture.givenCommands(List.copyOf(druryVLewis()))
                .when(startTrial("state-trial", new Court(CourtLevel.STATE_TRIAL,
                        "Court of Oyer and Terminer, Allegheny County"), "1906"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(result(druryVLewis().size(), 1));
    }
}
