package casetrack.command.store;

import casetrack.shared.EventJson;
import casetrack.shared.audit.HashChain;
import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Seals each case's events into a hash chain as they are appended: every event gets, in its
 * metadata, the hash of the case's previous event and its own {@link HashChain} hash. Appends to
 * one case are serialized by Axon's aggregate lock and, across nodes, by the unique
 * (aggregate, sequence) constraint, so the previous hash read here is the one that will precede it.
 * <p>
 * The hash of each case's last event this node committed is remembered (at most
 * {@code rememberedCases} cases), so the next append to the case need not read it back. It is
 * remembered only once the transaction has committed (stored events never change: the table is
 * append-only), and used only for the event right after it; any other sequence reads the store. If
 * another node appended meanwhile, the remembered hash is that of an earlier event, but then the
 * append collides with the other node's event on the unique key and nothing is written.
 */
public class HashChainingStorageEngine implements EventStorageEngine {

    private record Sealed(long sequence, String hash) {
    }

    private final EventStorageEngine delegate;
    private final Serializer eventSerializer;
    private final ObjectMapper json = EventJson.newMapper();
    private final int rememberedCases;
    private final Map<String, Sealed> lastSealed;
    private final Runnable afterCommit;

    public HashChainingStorageEngine(EventStorageEngine delegate, Serializer eventSerializer) {
        this(delegate, eventSerializer, 10_000, () -> { });
    }

    /**
     * Remembers the last hash of up to {@code rememberedCases} cases (0 remembers none: every append
     * reads); runs {@code afterCommit} once each appending transaction has committed.
     */
    public HashChainingStorageEngine(EventStorageEngine delegate, Serializer eventSerializer, int rememberedCases,
                                     Runnable afterCommit) {
        this.delegate = delegate;
        this.afterCommit = afterCommit;
        this.eventSerializer = eventSerializer;
        this.rememberedCases = rememberedCases;
        this.lastSealed = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sealed> eldest) {
                return size() > rememberedCases;
            }
        });
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, Sealed> lastHashes = new LinkedHashMap<>();
        List<EventMessage<?>> sealed = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                String caseId = domain.getAggregateIdentifier();
                Sealed before = lastHashes.get(caseId);
                String previous = before != null ? before.hash() : hashBefore(domain);
                // serialized once: the bytes hashed are the bytes the JDBC engine stores
                SerializedObject<byte[]> payload = eventSerializer.serialize(domain.getPayload(), byte[].class);
                String hash = HashChain.hash(previous, caseId, domain.getSequenceNumber(), domain.getIdentifier(),
                        domain.getPayloadType().getName(), payload.getType().getRevision(), storedForm(payload.getData()),
                        domain.getMetaData());
                lastHashes.put(caseId, new Sealed(domain.getSequenceNumber(), hash));
                sealed.add(new SerializedOnce<>(domain, Map.of(MetadataKeys.PREVIOUS_HASH, previous, MetadataKeys.HASH, hash),
                        eventSerializer, payload));
            } else {
                sealed.add(event);
            }
        }
        delegate.appendEvents(sealed);
        rememberOnceCommitted(lastHashes);
    }

    /** The previous event's hash: remembered if this node committed that very event, else read from the store. */
    private String hashBefore(DomainEventMessage<?> event) {
        Sealed remembered = lastSealed.get(event.getAggregateIdentifier());
        if (remembered != null && remembered.sequence() == event.getSequenceNumber() - 1) {
            return remembered.hash();
        }
        return storedHashBefore(event);
    }

    private void rememberOnceCommitted(Map<String, Sealed> appended) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // no transaction to wait for: remember nothing (the next append reads the store); the append is done
            afterCommit.run();
            return;
        }
        boolean remember = !appended.isEmpty() && rememberedCases > 0;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (remember) {
                    lastSealed.putAll(appended);
                }
                HashChainingStorageEngine.this.afterCommit.run();
            }
        });
    }

    private String storedHashBefore(DomainEventMessage<?> event) {
        if (event.getSequenceNumber() == 0) {
            return HashChain.GENESIS;
        }
        DomainEventStream previous = delegate.readEvents(event.getAggregateIdentifier(), event.getSequenceNumber() - 1);
        if (!previous.hasNext()) {
            // the previous event is missing: let the append go on and fail on its sequence constraint or chain check
            return HashChain.GENESIS;
        }
        Object hash = previous.next().getMetaData().get(MetadataKeys.HASH);
        return hash == null ? HashChain.GENESIS : hash.toString();
    }

    /** The payload exactly as the serializer stores it, read back as a tree. */
    private JsonNode storedForm(byte[] stored) {
        try {
            return json.readTree(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A case's event with its hashes added, whose payload was serialized once, for the hash: the
     * store asks for it again (as {@code byte[]} from this engine's serializer, for PostgreSQL's
     * {@code bytea}) and gets those very bytes. Any other serializer or representation serializes anew.
     */
    static final class SerializedOnce<T> extends GenericDomainEventMessage<T> {

        private final transient Serializer serializer;
        private final transient SerializedObject<byte[]> payload;

        SerializedOnce(DomainEventMessage<T> event, Map<String, ?> addedMetaData, Serializer serializer,
                       SerializedObject<byte[]> payload) {
            super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                    new GenericMessage<>(event.getIdentifier(), event.getPayloadType(), event.getPayload(),
                            event.getMetaData().mergedWith(addedMetaData)),
                    event.getTimestamp());
            this.serializer = serializer;
            this.payload = payload;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> SerializedObject<R> serializePayload(Serializer serializer, Class<R> expectedRepresentation) {
            if (serializer == this.serializer && expectedRepresentation == byte[].class) {
                return (SerializedObject<R>) payload;
            }
            return super.serializePayload(serializer, expectedRepresentation);
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    /**
     * The latest usable snapshot, its payload already read: a snapshot is a cache, and one that
     * cannot be read (written by other code under the same revision, damaged) must not make the
     * case unwritable. Reading it here, inside the call Axon's event store guards, lets Axon log it
     * and load the case from its events instead; read later, the failure would fail the step.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = delegate.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
