package casetrack.query.store;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static casetrack.query.support.Steps.opened;
import static casetrack.query.support.Steps.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections' reads of the event table ({@link RowLimitedEventStorageEngine}): a read that
 * finds fewer events than the batch size ends the stream without asking again (Axon's engine asked
 * twice more: once to find nothing, once for the lowest index ahead), longer histories are read in
 * batches in order, and indexes skipped by failed appends are read past however many there are.
 */
class RowLimitedEventStorageEngineTest extends QuerySideTest {

    @Autowired
    private DataSource dataSource;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    private final AtomicInteger queries = new AtomicInteger();

    @Test
    void aReadShorterThanTheBatchEndsTheStreamWithoutAskingAgain() {
        RowLimitedEventStorageEngine engine = engine(1000);
        TrackingToken before = engine.createHeadToken();
        CaseHistory h = caseOf(3);

        queries.set(0);
        assertThat(caseIdsRead(engine, before)).containsExactly(h.caseId(), h.caseId(), h.caseId());
        assertThat(queries).as("queries for one short read").hasValue(1);
    }

    @Test
    void aLongerHistoryIsReadInBatchesInOrder() {
        RowLimitedEventStorageEngine engine = engine(2);
        TrackingToken before = engine.createHeadToken();
        CaseHistory h = caseOf(5);

        queries.set(0);
        List<EventMessage<?>> read = read(engine, before);
        assertThat(read).extracting(e -> ((DomainEventMessage<?>) e).getSequenceNumber())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(read).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsOnly(h.caseId());
        assertThat(queries).as("two full reads of 2, then one of 1").hasValue(3);
    }

    @Test
    void moreSkippedIndexesThanTheBatchSizeAreReadPast() {
        RowLimitedEventStorageEngine engine = engine(5);
        TrackingToken before = engine.createHeadToken();
        CaseHistory h = newCase("skipped");
        h.record(opened(h.caseId(), "State v. Skipper (fictional)", "ID", "FBI", "o-1", "Officer Skipper", "2024-01-01"));
        // indexes taken and never written, as by appends that failed: more than two batches' worth (few, as
        // the application's processor keeps them as gaps of its token)
        jdbc.queryForList("SELECT nextval(pg_get_serial_sequence('events.domain_event_entry', 'global_index')) "
                + "FROM generate_series(1, 12)", Map.of(), Long.class);
        h.record(statement(h.caseId(), "A. Spokesman (fictional)", "after the skipped indexes", "2024-01-02"));

        queries.set(0);
        assertThat(caseIdsRead(engine, before)).containsExactly(h.caseId(), h.caseId());
        assertThat(queries).as("one read past the skipped indexes").hasValue(1);
    }

    /** A case of {@code steps} steps recorded through the application's event store. */
    private CaseHistory caseOf(int steps) {
        CaseHistory h = newCase("rows");
        h.record(opened(h.caseId(), "State v. Rowland (fictional)", "ID", "FBI", "o-1", "Officer Rowland", "2024-01-01"));
        for (int i = 1; i < steps; i++) {
            h.record(statement(h.caseId(), "A. Spokesman (fictional)", "statement " + i, "2024-01-02"));
        }
        return h;
    }

    private List<String> caseIdsRead(RowLimitedEventStorageEngine engine, TrackingToken from) {
        return read(engine, from).stream()
                .map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).toList();
    }

    private List<EventMessage<?>> read(RowLimitedEventStorageEngine engine, TrackingToken from) {
        try (Stream<? extends EventMessage<?>> events = engine.readEvents(from, false)) {
            return new ArrayList<>(events.toList());
        }
    }

    /** The query side's engine on connections that count the statements prepared on them. */
    private RowLimitedEventStorageEngine engine(int batchSize) {
        return new RowLimitedEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(() -> counting(dataSource.getConnection()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new AxonStoreConfiguration().eventSchema())
                .eventSerializer(eventSerializer).snapshotSerializer(eventSerializer)
                .batchSize(batchSize));
    }

    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepareStatement")) {
                        queries.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
