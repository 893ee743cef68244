package casetrack.query.store;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC engine, reading the event table by a number of rows rather than by a window of
 * global indexes, so that a read which finds fewer rows than the batch size is known to be the last.
 * <p>
 * Axon's engine asks for the events whose index lies in the next {@code batchSize} indexes after
 * the token; fewer rows than that prove nothing (indexes are skipped by appends that failed), so a
 * stream reads until a read comes back empty, and then asks for the lowest index ahead in case the
 * skipped indexes filled a whole window. Every time the projections were woken to take in a few new
 * steps that was three queries: the one that found them, one that found nothing, and the probe. Here
 * a read asks for the first {@code batchSize} events after the token ({@code LIMIT}), so a skipped
 * range of any length is read past, and a read with fewer rows than the limit ends the stream: an
 * event committed after it is announced by its own notice ({@link AppendNotifiedEventSource}).
 * The events a token still waits for (its gaps, all below its index) are read as before, in the same
 * query. Tokens and gaps are Axon's own ({@code GapAwareTrackingToken}).
 * <p>
 * Each event's time stamp is parsed once, and without a {@code DateTimeFormatter} when it has the
 * form Axon writes ({@code 2024-05-14T09:30:00.123Z}; {@link InstantText}): Axon's engine parses the
 * stored text with one for its gap check and again when the message asks for its time stamp (in a
 * replay, one of the largest costs of reading an event: a twentieth of the query side's CPU).
 */
final class RowLimitedEventStorageEngine extends JdbcEventStorageEngine {

    // Axon's defaults, set explicitly: the token logic below needs them and the engine keeps them private
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final int GAP_TIMEOUT_MILLIS = 60_000;

    RowLimitedEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder.readEventDataWithoutGaps(RowLimitedEventStorageEngine::readAfter)
                .readEventDataWithGaps(RowLimitedEventStorageEngine::readGapsAndAfter)
                // no window, so no window full of skipped indexes to look past
                .extendedGapCheckEnabled(false)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    /** As Axon's, with the time stamp parsed once ({@link #parseTimestamp}). */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        String stamp = resultSet.getString(schema.timestampColumn());
        Instant timestamp = parseTimestamp(stamp);
        StoredEvent<?> event = new StoredEvent<>(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier, stamp, timestamp,
                resultSet.getString(schema.payloadTypeColumn()), resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
        // an event younger than the gap timeout may still see older indexes filled: keep them as gaps
        boolean allowGaps = timestamp.isAfter(GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS));
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(globalIndex, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalIndex), globalIndex).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet())
                : previousToken.advanceTo(globalIndex, allowGaps ? MAX_GAP_OFFSET : 0);
        return new TrackedDomainEventData<>(token, event);
    }

    /** The instant of a stored time stamp ({@link InstantText}); forms other than Axon's by Axon's own parser. */
    static Instant parseTimestamp(String stamp) {
        return InstantText.parse(stamp, DateTimeUtils::parseInstant);
    }

    /** An event as Axon's engine reads it, its time stamp parsed already. */
    private static final class StoredEvent<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        StoredEvent(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier, String stamp,
                    Instant timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, stamp, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new Reads(trackingToken), false);
    }

    /** The first {@code limit} events after {@code globalIndex}, in index order. */
    static PreparedStatement readAfter(Connection connection, EventSchema schema, long globalIndex, int limit)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                + " FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ?"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC LIMIT ?");
        statement.setLong(1, globalIndex);
        statement.setInt(2, limit);
        return statement;
    }

    /**
     * The events at the token's gaps (all below {@code globalIndex}) and the first {@code limit} after
     * it, in index order, at most {@code limit} in all: two index lookups joined, so that neither
     * condition turns into a filter on a scan of the whole index.
     */
    static PreparedStatement readGapsAndAfter(Connection connection, EventSchema schema, long globalIndex, int limit,
                                              List<Long> gaps) throws SQLException {
        String fields = schema.trackedEventFields();
        String index = schema.globalIndexColumn();
        String table = schema.domainEventTable();
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM ("
                + "(SELECT " + fields + " FROM " + table + " WHERE " + index + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + "))"
                + " UNION ALL "
                + "(SELECT " + fields + " FROM " + table + " WHERE " + index + " > ? ORDER BY " + index + " ASC LIMIT ?)"
                + ") AS e ORDER BY " + index + " ASC LIMIT ?");
        int p = 1;
        for (Long gap : gaps) {
            statement.setLong(p++, gap);
        }
        statement.setLong(p++, globalIndex);
        statement.setInt(p++, limit);
        statement.setInt(p, limit);
        return statement;
    }

    /** Reads of {@code batchSize} rows, each from where the last left off, until one comes back short. */
    private final class Reads extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken position;
        private Iterator<? extends TrackedEventData<?>> read = Collections.emptyIterator();
        private boolean lastRead;

        private Reads(TrackingToken start) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.ORDERED | Spliterator.DISTINCT);
            this.position = start;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!read.hasNext()) {
                if (lastRead) {
                    return false;
                }
                List<? extends TrackedEventData<?>> rows = fetchTrackedEvents(position, batchSize());
                lastRead = rows.size() < batchSize();
                read = rows.iterator();
                if (!read.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> next = read.next();
            position = next.trackingToken();
            action.accept(next);
            return true;
        }
    }
}
