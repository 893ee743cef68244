package casetrack.command.cases;

import casetrack.shared.EventJson;
import casetrack.shared.command.CaseCommand;
import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.CaseReopened;
import casetrack.shared.event.EntryRetracted;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static casetrack.command.cases.CaseHistories.idahoVHoriuchi;
import static casetrack.command.cases.CaseSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aggregate survives a JSON snapshot: the entries the rules read, retractions and version come back
 * and the state is refolded; the steps the snapshot leaves out are read from the store when a
 * correction or retraction looks them up.
 */
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
        AggregateTestFixture<Case> fixture = caseFixture();
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
    void stepsNoRuleLooksInsideStayOutOfTheSnapshotAndAreReadFromTheStoreWhenACorrectionNamesThem() throws Exception {
        List<CaseEvent> history = List.of(caseOpened(), statementMade("1997-01-10"), evidenceDisputed("1997-02"),
                captionChanged("State v. Example", "1997-03"));
        EventStore record = record(history);
        Case original = sourced(history);

        String snapshot = json.writeValueAsString(original);
        assertThat(snapshot).contains("\"e0\"").doesNotContain("\"e1\"", "\"e2\"", "\"e3\"", "No one is above the law.");
        assertThat(json.writeValueAsString(json.readValue(snapshot, Case.class))).isEqualTo(snapshot);

        // a correction dating the statement before the incident is refused alike, naming the statement's kind
        CaseCommand misdating = correctEntry("e1", "1990", "1998");
        RuleViolation fromEvents = refusal(() -> handle(original, misdating, new ArrayList<>(), record));
        RuleViolation fromSnapshot = refusal(() -> handle(json.readValue(snapshot, Case.class), misdating, new ArrayList<>(), record));
        assertThat(fromSnapshot.rule()).isEqualTo(Rules.STEP_NOT_BEFORE_INCIDENT).isEqualTo(fromEvents.rule());
        assertThat(fromSnapshot.getMessage()).contains("PublicStatementMade e1").isEqualTo(fromEvents.getMessage());

        // the statement can be retracted from a restored case, and then is gone for good, also after the next snapshot
        Case restored = json.readValue(snapshot, Case.class);
        List<EventMessage<?>> published = new ArrayList<>();
        handle(restored, retractEntry("e1", "1998"), published, record);
        assertThat(((EntryRetracted) published.get(0).getPayload()).entryId()).isEqualTo("e1");
        Case again = json.readValue(json.writeValueAsString(restored), Case.class);
        assertThat(refusal(() -> handle(again, retractEntry("e1", "1998"), new ArrayList<>(), record)).rule())
                .isEqualTo(Rules.ENTRY_ALREADY_RETRACTED);
        assertThat(refusal(() -> handle(again, retractEntry("no-such-entry", "1998"), new ArrayList<>(), record)).rule())
                .isEqualTo(Rules.ENTRY_MUST_EXIST);
    }

    @Test
    void aLongCasesSnapshotDoesNotGrowWithItsStatements() throws Exception {
        List<CaseEvent> few = List.of(caseOpened(), chargeFiled("c1", "1997-08"));
        List<CaseEvent> many = new ArrayList<>(few);
        for (int i = 0; i < 1_000; i++) {
            many.add(statementMade("1997-09"));
        }

        String small = json.writeValueAsString(sourced(few));
        String large = json.writeValueAsString(sourced(many));

        assertThat(large).isEqualTo(small.replace("\"version\":1", "\"version\":1001"));
        assertThat(json.readValue(large, Case.class).state().charges).containsOnlyKeys("c1");
    }

    @Test
    void aLoadedCaseSnapshotsAgainAndStillFindsTheStepsItsFirstSnapshotLeftOut() throws Exception {
        List<CaseEvent> history = List.of(caseOpened(), statementMade("1997-01-10"), chargeFiled("c1", "1997-08"),
                statementMade("1997-09"), captionChanged("State v. Example", "1997-10"));
        EventStore record = record(history);
        Case restored = json.readValue(json.writeValueAsString(sourced(history)), Case.class);

        // steps after the load: a statement and an arraignment, then a second snapshot
        List<EventMessage<?>> published = new ArrayList<>();
        handle(restored, recordStatement("1997-11"), published, record);
        handle(restored, arraign("1997-12", "d1"), published, record);
        Case twice = json.readValue(json.writeValueAsString(restored), Case.class);

        // the twice-restored case is the case built from all its events, as far as a snapshot and the rules go
        Case fromEvents = sourced(history);
        for (EventMessage<?> message : published) {
            fromEvents.on((CaseEvent) message.getPayload(), message.getIdentifier(), fromEvents.version() + 1);
        }
        assertThat(json.writeValueAsString(twice)).isEqualTo(json.writeValueAsString(fromEvents));
        assertThat(twice.state().arraignedOn).isEqualTo(fromEvents.state().arraignedOn).containsKey("d1");

        // a statement from before the first snapshot is found in the store, retracted once, and then refused
        List<EventMessage<?>> retraction = new ArrayList<>();
        handle(twice, retractEntry("e1", "1998"), retraction, record);
        assertThat(((EntryRetracted) retraction.get(0).getPayload()).entryId()).isEqualTo("e1");
        assertThat(refusal(() -> handle(twice, retractEntry("e1", "1998"), new ArrayList<>(), record)).rule())
                .isEqualTo(Rules.ENTRY_ALREADY_RETRACTED);
    }

    @Test
    void aStoreBehindTheLoadedCaseIsAnErrorNotAGuess() throws Exception {
        List<CaseEvent> history = List.of(caseOpened(), statementMade("1997-01-10"), chargeFiled("c1", "1997-08"));
        Case restored = json.readValue(json.writeValueAsString(sourced(history)), Case.class);

        assertThatThrownBy(() -> handle(restored, retractEntry("e1", "1998"), new ArrayList<>(), record(history.subList(0, 2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at version 2")
                .hasMessageContaining("up to 1");
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

    /** A case sourced from these events, the Nth with id "eN". */
    private static Case sourced(List<CaseEvent> events) {
        Case sourced = new Case();
        for (int i = 0; i < events.size(); i++) {
            sourced.on(events.get(i), "e" + i, (long) i);
        }
        return sourced;
    }

    private static Case caseAfter(List<CaseCommand> history) {
        AggregateTestFixture<Case> fixture = caseFixture();
        AtomicReference<Case> aggregate = new AtomicReference<>();
        fixture.givenCommands(List.copyOf(history.subList(0, history.size() - 1)))
                .when(history.get(history.size() - 1))
                .expectSuccessfulHandlerExecution()
                .expectState(aggregate::set);
        return aggregate.get();
    }

    /** An event store holding these events of the case, the Nth with id "eN", as the command side's store would. */
    private static EventStore record(List<CaseEvent> history) {
        EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        for (int i = 0; i < history.size(); i++) {
            store.publish(new GenericDomainEventMessage<>("Case", CASE, i, history.get(i), MetaData.emptyInstance(),
                    "e" + i, Instant.now()));
        }
        return store;
    }

    /**
     * Handles a command on a restored aggregate the way Axon's repository does after loading a
     * snapshot; the events it records go into {@code record} and {@code published}.
     */
    private static CommandResult handle(Case restored, Object command, List<EventMessage<?>> published,
                                        EventStore record) throws Exception {
        List<EventMessage<?>> recorded = new ArrayList<>();
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(recorded::addAll);
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Case.class),
                new SimpleResourceParameterResolverFactory(Set.of(record)));
        EventSourcedAggregate<Case> aggregate = EventSourcedAggregate.initialize(restored,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Case.class, resolvers), eventBus,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initSequence(restored.version());
        var message = GenericCommandMessage.asCommandMessage(command);
        var unitOfWork = DefaultUnitOfWork.startAndGet(message);
        var result = unitOfWork.executeWithResult(() -> aggregate.handle(message));
        if (result.isExceptional()) {
            throw (Exception) result.exceptionResult();
        }
        record.publish(recorded);
        published.addAll(recorded);
        return (CommandResult) result.getPayload();
    }

    private static CommandResult handle(Case restored, Object command, List<EventMessage<?>> published) throws Exception {
        return handle(restored, command, published, record(List.of()));
    }
}
