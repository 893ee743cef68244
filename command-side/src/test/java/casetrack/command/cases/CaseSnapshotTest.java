package casetrack.command.cases;

import casetrack.shared.EventJson;
import casetrack.shared.command.CaseCommand;
import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.CaseReopened;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static casetrack.command.cases.CaseHistories.idahoVHoriuchi;
import static casetrack.command.cases.CaseSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate survives a JSON snapshot: entries, retractions and version come back, and the state is refolded. */
class CaseSnapshotTest {

    private final ObjectMapper json = EventJson.newMapper();

    @Test
    void aCaseReadBackFromItsSnapshotHandlesTheNextCommand() throws Exception {
        Case afterHistory = caseAfter(idahoVHoriuchi());

        String snapshot = json.writeValueAsString(afterHistory);
        Case restored = json.readValue(snapshot, Case.class);

        assertThat(json.writeValueAsString(restored)).isEqualTo(snapshot);
        assertThat(restored.state().closed).isTrue();
        assertThat(restored.state().claims.get("motion").awaitsRuling()).isTrue();

        List<EventMessage<?>> published = new ArrayList<>();
        CommandResult result = handle(restored, reopenCase("2002-01-10"), published);

        CaseEvent reopened = (CaseEvent) published.get(0).getPayload();
        assertThat(reopened).isEqualTo(new CaseReopened(CASE, "new evidence", date("2002-01-10"), SOURCES, null, null));
        assertThat(result.version()).isEqualTo(idahoVHoriuchi().size());
        assertThat(result.eventIds()).containsExactly(published.get(0).getIdentifier());
    }

    @Test
    void aRestoredCaseStillRefusesWhatItsHistoryForbids() throws Exception {
        List<CaseCommand> history = new ArrayList<>(idahoVHoriuchi().subList(0, 16));
        Case restored = json.readValue(json.writeValueAsString(caseAfter(history)), Case.class);

        assertThat(restored.state().charges.get("manslaughter").status()).isEqualTo(CaseState.ChargeStatus.DISMISSED);
        assertThatThrownBy(() -> handle(restored, dismissCharges("2001-07", "manslaughter"),
                        new ArrayList<>()))
                .isInstanceOf(RuleViolation.class)
                .extracting(e -> ((RuleViolation) e).rule()).isEqualTo(Rules.CHARGE_MUST_BE_ACTIVE);
    }

    @Test
    void retractionsSurviveTheSnapshot() throws Exception {
        AggregateTestFixture<Case> fixture = new AggregateTestFixture<>(Case.class);
        AtomicReference<Case> aggregate = new AtomicReference<>();
        var given = fixture.given(caseOpened(), chargeFiled("c1", "1997-08"));
        String charge = entryId(fixture, 1);
        given.when(retractEntry(charge, "1998")).expectState(aggregate::set);

        Case restored = json.readValue(json.writeValueAsString(aggregate.get()), Case.class);

        assertThat(restored.state().charges).isEmpty();
        List<EventMessage<?>> published = new ArrayList<>();
        handle(restored, fileStateCharge("c1", "1998-02", "d1"), published);
        assertThat(published).hasSize(1);
    }

    @Test
    void stepsNoRuleLooksInsideAreKeptAsOutlinesThatStillCountForDatesAndRetractions() throws Exception {
        AggregateTestFixture<Case> fixture = new AggregateTestFixture<>(Case.class);
        AtomicReference<Case> aggregate = new AtomicReference<>();
        var given = fixture.given(caseOpened(), statementMade("1997-01-10"), evidenceDisputed("1997-02"));
        String statement = entryId(fixture, 1);
        given.when(changeCaption("State v. Example", "1997-03")).expectState(aggregate::set);

        String snapshot = json.writeValueAsString(aggregate.get());
        assertThat(snapshot).doesNotContain("No one is above the law.").contains("StepOutline");
        assertThat(json.writeValueAsString(json.readValue(snapshot, Case.class))).isEqualTo(snapshot);

        // a correction dating the statement before the incident is refused alike, naming the statement's kind
        CaseCommand misdating = correctEntry(statement, "1990", "1998");
        RuleViolation fromEvents = refusal(() -> handle(aggregate.get(), misdating, new ArrayList<>()));
        RuleViolation fromSnapshot = refusal(() -> handle(json.readValue(snapshot, Case.class), misdating, new ArrayList<>()));
        assertThat(fromSnapshot.rule()).isEqualTo(Rules.STEP_NOT_BEFORE_INCIDENT).isEqualTo(fromEvents.rule());
        assertThat(fromSnapshot.getMessage()).contains("PublicStatementMade " + statement).isEqualTo(fromEvents.getMessage());

        // the outlined statement can be retracted, and then is gone for good
        Case restored = json.readValue(snapshot, Case.class);
        List<EventMessage<?>> published = new ArrayList<>();
        handle(restored, retractEntry(statement, "1998"), published);
        assertThat(published).hasSize(1);
        Case again = json.readValue(json.writeValueAsString(restored), Case.class);
        assertThat(refusal(() -> handle(again, retractEntry(statement, "1998"), new ArrayList<>())).rule())
                .isEqualTo(Rules.ENTRY_ALREADY_RETRACTED);
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static RuleViolation refusal(Attempt attempt) {
        try {
            attempt.run();
        } catch (RuleViolation e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a refusal, got " + e, e);
        }
        throw new AssertionError("expected a refusal, but the command was accepted");
    }

    private static Case caseAfter(List<CaseCommand> history) {
        AggregateTestFixture<Case> fixture = new AggregateTestFixture<>(Case.class);
        AtomicReference<Case> aggregate = new AtomicReference<>();
        fixture.givenCommands(List.copyOf(history.subList(0, history.size() - 1)))
                .when(history.get(history.size() - 1))
                .expectSuccessfulHandlerExecution()
                .expectState(aggregate::set);
        return aggregate.get();
    }

    /** Handles a command on a restored aggregate the way Axon's repository does after loading a snapshot. */
    private static CommandResult handle(Case restored, Object command, List<EventMessage<?>> published) throws Exception {
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(published::addAll);
        EventSourcedAggregate<Case> aggregate = EventSourcedAggregate.initialize(restored,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Case.class), eventBus,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initSequence(restored.version());
        var message = GenericCommandMessage.asCommandMessage(command);
        var unitOfWork = DefaultUnitOfWork.startAndGet(message);
        var result = unitOfWork.executeWithResult(() -> aggregate.handle(message));
        if (result.isExceptional()) {
            throw (Exception) result.exceptionResult();
        }
        return (CommandResult) result.getPayload();
    }
}
