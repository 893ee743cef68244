package casetrack.query.store;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import org.axonframework.common.DateTimeUtils;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static casetrack.query.support.Steps.opened;
import static casetrack.query.support.Steps.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projections' reads of the event table ({@link RowLimitedEventStorageEngine}): a read that
 * finds fewer events than the batch size ends the stream without asking again (Axon's engine asked
 * twice more: once to find nothing, once for the lowest index ahead), longer histories are read in
 * batches in order, indexes skipped by failed appends are read past however many there are, and
 * each event's time stamp, parsed once without a formatter, is the one Axon's parser reads.
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

    @Test
    void eachEventCarriesItsStoredTimeStamp() {
        RowLimitedEventStorageEngine engine = engine(1000);
        TrackingToken before = engine.createHeadToken();
        CaseHistory h = caseOf(3);

        List<String> stored = jdbc.queryForList("SELECT time_stamp FROM events.domain_event_entry "
                + "WHERE aggregate_identifier = :id ORDER BY sequence_number", Map.of("id", h.caseId()), String.class);
        assertThat(read(engine, before)).extracting(e -> DateTimeUtils.formatInstant(e.getTimestamp()))
                .containsExactlyElementsOf(stored);
    }

    @Test
    void timeStampsAreReadAsAxonReadsThem() {
        Random random = new Random(42);
        List<String> stamps = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // from 1970 to 2100, to the millisecond, as Axon writes them
            stamps.add(DateTimeUtils.formatInstant(Instant.ofEpochMilli((long) (random.nextDouble() * 4_102_444_800_000L))));
        }
        stamps.addAll(List.of("2024-02-29T23:59:59.999Z", "2000-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
                // other forms Axon's parser takes: more or fewer digits, other offsets
                "2024-05-14T09:30:00.123456789Z", "2024-05-14T09:30:00Z", "2024-05-14T11:30:00.123+02:00",
                "2024-05-14t09:30:00.123z"));
        for (String stamp : stamps) {
            assertThat(RowLimitedEventStorageEngine.parseTimestamp(stamp)).as(stamp).isEqualTo(DateTimeUtils.parseInstant(stamp));
        }
        for (String wrong : List.of("2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-05-14T24:00:00.000Z",
                "2024-05-14T09:60:00.000Z", "2024-05-14T09:30:60.000Z", "2024-05-14T09:30:0x.000Z", "2024-05-14 09:30:00.000Z")) {
            assertThatThrownBy(() -> RowLimitedEventStorageEngine.parseTimestamp(wrong)).as(wrong)
                    .isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> DateTimeUtils.parseInstant(wrong)).as(wrong).isInstanceOf(DateTimeParseException.class);
        }
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
