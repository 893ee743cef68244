package casetrack.command.store;

import casetrack.shared.EventJson;
import casetrack.shared.audit.HashChain;
import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Seals each case's events into a hash chain as they are appended: every event gets, in its
 * metadata, the hash of the case's previous event and its own {@link HashChain} hash. Appends to
 * one case are serialized by Axon's aggregate lock and, across nodes, by the unique
 * (aggregate, sequence) constraint, so the previous hash read here is the one that will precede it.
 */
public class HashChainingStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Serializer eventSerializer;
    private final ObjectMapper json = EventJson.newMapper();

    public HashChainingStorageEngine(EventStorageEngine delegate, Serializer eventSerializer) {
        this.delegate = delegate;
        this.eventSerializer = eventSerializer;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, String> lastHashes = new HashMap<>();
        List<EventMessage<?>> sealed = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                String caseId = domain.getAggregateIdentifier();
                String previous = lastHashes.containsKey(caseId) ? lastHashes.get(caseId) : storedHashBefore(domain);
                String hash = HashChain.hash(previous, caseId, domain.getSequenceNumber(), domain.getIdentifier(),
                        domain.getPayloadType().getName(), eventSerializer.typeForClass(domain.getPayloadType()).getRevision(),
                        storedForm(domain.getPayload()), domain.getMetaData());
                lastHashes.put(caseId, hash);
                sealed.add(domain.andMetaData(Map.of(MetadataKeys.PREVIOUS_HASH, previous, MetadataKeys.HASH, hash)));
            } else {
                sealed.add(event);
            }
        }
        delegate.appendEvents(sealed);
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
    private JsonNode storedForm(Object payload) {
        try {
            return json.readTree(json.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
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
