package casetrack.command.store;

import casetrack.shared.EventJson;
import casetrack.shared.event.MetadataKeys;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.Map;

/**
 * The event store: Axon's JDBC storage engine (configured by Axon's Spring Boot autoconfiguration from
 * the {@link EventSchema} bean) on the {@code events} schema, with every message serialized as JSON
 * by {@link EventJson}'s mapper.
 */
@Configuration
public class EventStoreConfiguration {

    @Bean
    public EventSchema eventSchema() {
        // Axon's JDBC defaults are camelCase column names; the schema (db/events) is snake_case
        return EventSchema.builder()
                .eventTable("events.domain_event_entry")
                .snapshotTable("events.snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC engine, wrapped so every appended event is sealed into its case's hash chain and the
     * readers are told of it once it committed ({@link AppendNotifier}).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer snapshotSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 AppendNotifier notifier,
                                                 @Value("${casetrack.chain-cache.max-cases:100000}") int rememberedCases) {
        JdbcEventStorageEngine jdbc = JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
        return new HashChainingStorageEngine(jdbc, eventSerializer, rememberedCases, notifier::appendCommitted);
    }

    /**
     * The cases a command found most recently, kept in memory between commands (Axon's aggregate
     * cache, named on {@code Case}), so a step re-reads neither snapshot nor events; 0 turns it off.
     */
    @Bean
    public Cache caseCache(@Value("${casetrack.case-cache.max-cases:1000}") int maxCases) {
        return maxCases <= 0 ? NoCache.INSTANCE : new CaseCache(maxCases);
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    }

    /** Snapshot a case every N events so loading a long case reads a snapshot and a short tail. */
    @Bean
    public SnapshotTriggerDefinition caseSnapshotTrigger(Snapshotter snapshotter,
                                                         @Value("${casetrack.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Who recorded the step, when, with which command, and the request's correlation id: copied from
     * the command onto each event. (Axon's default MessageOriginProvider is replaced on purpose: it
     * writes the causing message's id under "correlationId", which would hide the client's.)
     */
    @Bean
    public CorrelationDataProvider recordingDataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.RECORDED_BY, MetadataKeys.RECORDED_AT,
                MetadataKeys.COMMAND_NAME, MetadataKeys.CORRELATION_ID);
    }

    /** The id of the command message that caused each event. */
    @Bean
    public CorrelationDataProvider commandIdProvider() {
        return message -> Map.of(MetadataKeys.COMMAND_ID, message.getIdentifier());
    }
}
