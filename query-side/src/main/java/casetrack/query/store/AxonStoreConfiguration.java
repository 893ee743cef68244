package casetrack.query.store;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import casetrack.query.metrics.ProjectionMonitor;
import casetrack.shared.EventJson;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL without Axon Server: the shared event store read through the JDBC engine,
 * the query side's tokens in {@code query.token_entry}, Jackson on the one stored-event mapper.
 */
@Configuration
public class AxonStoreConfiguration {

    /** The processing group of every projection; its tokens commit with the projection rows. */
    public static final String PROJECTIONS = "case-projections";

    @Bean
    public EventSchema eventSchema() {
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
     * Axon's JDBC engine on the shared event table, and its connections (declared here: Axon's JDBC
     * autoconfiguration backs off as a whole once this side declares its own event store). The
     * query side only reads events, so no duplicate-key resolution is needed.
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer snapshotSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 EventSchema eventSchema) {
        // read by row count, so that a short read ends the stream (RowLimitedEventStorageEngine)
        return new RowLimitedEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                // reads need no transaction of their own: without one each read is a single round trip
                // (inside a projection batch the batch's connection and transaction are used anyway)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(eventSchema)
                // one query reads up to 1000 events (Axon's default 100 makes a replay ten times as many
                // round trips); a caught-up reader's query still returns only the few new rows
                .batchSize(1000));
    }

    /**
     * The event store as a reader of the shared table, for loading one case's events. The
     * projections do not stream from it (see {@link #projectionEventSource}); its producer would poll
     * the table every {@code casetrack.query.event-poll-millis} only for a tracking reader of its own.
     */
    @Bean
    public EventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                 @Value("${casetrack.query.event-poll-millis:100}") long pollMillis) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .fetchDelay(pollMillis)
                .build();
    }

    /**
     * What the projections' processor streams from: reads on when the event table's trigger notifies
     * an append (see {@link EventAppendListener}), and at least every
     * {@code casetrack.query.event-fallback-poll-millis} (default 1000) in case a notification is lost.
     */
    @Bean
    public AppendNotifiedEventSource projectionEventSource(
            EventStorageEngine storageEngine,
            @Value("${casetrack.query.event-fallback-poll-millis:1000}") long fallbackPollMillis,
            @Value("${casetrack.query.read-gather-millis:20}") long gatherMillis) {
        return new AppendNotifiedEventSource(storageEngine, Duration.ofMillis(fallbackPollMillis), Duration.ofMillis(gatherMillis));
    }

    @Bean
    public EventAppendListener eventAppendListener(DataSourceProperties dataSource,
                                                   AppendNotifiedEventSource projectionEventSource) {
        return new EventAppendListener(dataSource, projectionEventSource::eventsAppended);
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("query.token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's autoconfigured JDBC token store, plus a node id: two query nodes in one JVM (tests) or
     * on one host must not share an owner name, or each would take the other's claims for its own.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                                 TokenStoreProperties properties, @Value("${casetrack.query.node-id:}") String nodeId) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId)
                .build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return storedJson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return storedJson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return storedJson();
    }

    private static Serializer storedJson() {
        // each serializer registers its own modules on its mapper: never share one instance
        return MetaDataJson.install(JacksonSerializer.builder()
                .objectMapper(EventJson.newMapper())
                .revisionResolver(new AnnotationRevisionResolver())
                .build());
    }

    /**
     * A projection that fails on an event must not skip it: the batch rolls back (rows and token)
     * and the processor retries. Caps the segments this node claims so several nodes share them.
     * Streams from the notified event source rather than the embedded event store; its Axon meters
     * come from {@link ProjectionMonitor} (the same meters as axon-micrometer's, looked up once).
     */
    @Bean
    public ConfigurerModule projectionProcessing(@Value("${casetrack.query.max-claimed-segments}") int maxClaimedSegments,
                                                 @Value("${axon.metrics.micrometer.dimensional:false}") boolean dimensional,
                                                 ObjectProvider<AppendNotifiedEventSource> projectionEventSource,
                                                 ObjectProvider<MeterRegistry> meterRegistry) {
        // looked up when the processor is built: the source's engine needs Axon's configuration
        return configurer -> {
            configurer.eventProcessing()
                    .registerListenerInvocationErrorHandler(PROJECTIONS, c -> PropagatingErrorHandler.instance())
                    .registerPooledStreamingEventProcessorConfiguration(PROJECTIONS,
                            (config, builder) -> builder.messageSource(projectionEventSource.getObject())
                                    .maxClaimedSegments(maxClaimedSegments));
            if (!dimensional) {
                // axon-micrometer's meters, looked up once rather than for every event (ProjectionMonitor);
                // with dimensions (tags per payload type) Axon's own monitors stay
                configurer.eventProcessing().registerMessageMonitorFactory(PROJECTIONS,
                        (config, componentType, componentName) -> eventsOnly(
                                ProjectionMonitor.forProcessor(componentName, meterRegistry.getObject())));
            }
        };
    }

    /** The processor hands its monitor event messages only; Axon's factory type asks for a monitor of any message. */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> eventsOnly(MessageMonitor<? super EventMessage<?>> monitor) {
        return (MessageMonitor<Message<?>>) (MessageMonitor<?>) monitor;
    }
}
