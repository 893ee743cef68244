package casetrack.command.store;

import casetrack.shared.EventJson;
import casetrack.shared.event.MetadataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage engine remembers the hash of each case's last committed event, so the next append
 * does not read it back; it never uses a hash from a transaction that did not commit, nor one that
 * is not the event right before.
 */
class RememberedHashesTest {

    /** Counts how often the chain's previous event is read from the store. */
    static class CountingEngine extends InMemoryEventStorageEngine {
        int aggregateReads;

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            aggregateReads++;
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
    }

    private final CountingEngine store = new CountingEngine();
    private final java.util.concurrent.atomic.AtomicInteger commitsAnnounced = new java.util.concurrent.atomic.AtomicInteger();
    private final HashChainingStorageEngine engine = new HashChainingStorageEngine(store,
            JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build(), 100, commitsAnnounced::incrementAndGet);

    @AfterEach
    void noTransactionLeft() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private static DomainEventMessage<?> event(String caseId, long sequence) {
        return new GenericDomainEventMessage<>("Case", caseId, sequence, Map.of("step", sequence));
    }

    private void appendIn(int outcome, DomainEventMessage<?> event) {
        TransactionSynchronizationManager.initSynchronization();
        engine.appendEvents(List.of(event));
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        if (outcome == TransactionSynchronization.STATUS_COMMITTED) {
            TransactionSynchronizationUtils.invokeAfterCommit(synchronizations);
        }
        TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, outcome);
    }

    private String storedHash(String caseId, long sequence) {
        return store.readEvents(caseId, sequence).next().getMetaData().get(MetadataKeys.HASH).toString();
    }

    private String storedPrevious(String caseId, long sequence) {
        return store.readEvents(caseId, sequence).next().getMetaData().get(MetadataKeys.PREVIOUS_HASH).toString();
    }

    @Test
    void afterACommitTheNextAppendChainsWithoutReadingTheStore() {
        appendIn(TransactionSynchronization.STATUS_COMMITTED, event("a", 0));
        appendIn(TransactionSynchronization.STATUS_COMMITTED, event("a", 1));

        assertThat(store.aggregateReads).isZero();
        assertThat(storedPrevious("a", 1)).isEqualTo(storedHash("a", 0));
    }

    @Test
    void afterARollbackTheNextAppendReadsTheStore() {
        appendIn(TransactionSynchronization.STATUS_COMMITTED, event("b", 0));
        appendIn(TransactionSynchronization.STATUS_ROLLED_BACK, event("b", 1));
        int before = store.aggregateReads;

        // the in-memory store kept the rolled-back event 1; a real one would not, but either way the store decides
        appendIn(TransactionSynchronization.STATUS_COMMITTED, event("b", 2));

        assertThat(store.aggregateReads).isEqualTo(before + 1);
        assertThat(storedPrevious("b", 2)).isEqualTo(storedHash("b", 1));
    }

    @Test
    void aRememberedHashOfAnOlderEventIsNotUsed() {
        appendIn(TransactionSynchronization.STATUS_COMMITTED, event("c", 0));
        // another node appended event 1 (here: straight into the store, past this engine)
        engine.appendEvents(List.of(event("c", 1)));

        appendIn(TransactionSynchronization.STATUS_COMMITTED, event("c", 2));

        assertThat(store.aggregateReads).isEqualTo(1);
        assertThat(storedPrevious("c", 2)).isEqualTo(storedHash("c", 1));
    }

    @Test
    void withoutATransactionNothingIsRemembered() {
        engine.appendEvents(List.of(event("d", 0)));
        engine.appendEvents(List.of(event("d", 1)));

        assertThat(store.aggregateReads).isEqualTo(1);
        assertThat(storedPrevious("d", 1)).isEqualTo(storedHash("d", 0));
    }

    @Test
    void theReadersAreToldOfAnAppendOnlyOnceItCommitted() {
        appendIn(TransactionSynchronization.STATUS_COMMITTED, event("e", 0));
        assertThat(commitsAnnounced).hasValue(1);
        appendIn(TransactionSynchronization.STATUS_ROLLED_BACK, event("e", 1));
        assertThat(commitsAnnounced).as("a rolled-back append is not announced").hasValue(1);

        TransactionSynchronizationManager.initSynchronization();
        engine.appendEvents(List.of(event("e", 2)));
        assertThat(commitsAnnounced).as("not before the commit").hasValue(1);
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationUtils.invokeAfterCommit(synchronizations);
        assertThat(commitsAnnounced).hasValue(2);
    }
}
