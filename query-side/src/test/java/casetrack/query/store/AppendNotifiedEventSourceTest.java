package casetrack.query.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections' event source reads when told of an append, at once when it has been idle; under
 * a stream of appends it starts a read at most once per gathering time, so one read (and one
 * projection batch) takes in the steps notified meanwhile, and the last of them is read once the
 * time is up even if no further notice comes.
 */
class AppendNotifiedEventSourceTest {

    /** An event table in memory: the events appended so far, and how often it was read. */
    private static final class Table implements EventStorageEngine {
        final List<TrackedEventMessage<?>> events = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();

        void append() {
            long index = events.size();
            events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                    GenericEventMessage.asEventMessage("event " + index)));
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken after, boolean mayBlock) {
            reads.incrementAndGet();
            long from = after == null ? 0 : ((GlobalSequenceTrackingToken) after).getGlobalIndex() + 1;
            return events.stream().skip(from);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return Optional.empty();
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }

        @Override
        public TrackingToken createHeadToken() {
            return null;
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return null;
        }
    }

    private static final Duration GATHER = Duration.ofMillis(200);

    @Test
    void anIdleStreamReadsAtOnceAndABusyOneReadsOncePerGatheringTime() throws Exception {
        Table table = new Table();
        try (AppendNotifiedEventSource source = new AppendNotifiedEventSource(table, Duration.ofMinutes(10), GATHER)) {
            TrackingEventStream stream = source.openStream(null);
            AtomicInteger wakeUps = new AtomicInteger();
            stream.setOnAvailableCallback(wakeUps::incrementAndGet);
            assertThat(stream.hasNextAvailable()).isFalse(); // the first read: nothing there yet

            // idle for longer than the gathering time: a notice is read at once
            Thread.sleep(GATHER.toMillis() + 50);
            table.append();
            source.eventsAppended();
            long start = System.nanoTime();
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GATHER.dividedBy(2));
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("event 0");
            int readsBefore = table.reads.get();

            // ten appends within the gathering time, each notified: the coordinator, woken each time,
            // finds nothing to read until the time is up, then reads all ten at once
            for (int i = 0; i < 10; i++) {
                table.append();
                source.eventsAppended();
                stream.hasNextAvailable();
            }
            int wokenBefore = wakeUps.get();
            await().atMost(Duration.ofSeconds(2)).until(() -> wakeUps.get() > wokenBefore && stream.hasNextAvailable());
            for (int i = 1; i <= 10; i++) {
                assertThat(stream.hasNextAvailable()).isTrue();
                assertThat(stream.nextAvailable().getPayload()).isEqualTo("event " + i);
            }
            assertThat(stream.hasNextAvailable()).isFalse();
            assertThat(table.reads.get() - readsBefore).as("reads for ten notified appends").isLessThanOrEqualTo(2);
        }
    }

    @Test
    void withoutGatheringEveryNoticeIsReadAtOnce() throws Exception {
        Table table = new Table();
        try (AppendNotifiedEventSource source = new AppendNotifiedEventSource(table, Duration.ofMinutes(10), Duration.ZERO)) {
            TrackingEventStream stream = source.openStream(null);
            stream.setOnAvailableCallback(() -> { });
            for (int i = 0; i < 5; i++) {
                table.append();
                source.eventsAppended();
                assertThat(stream.hasNextAvailable()).isTrue();
                assertThat(stream.nextAvailable().getPayload()).isEqualTo("event " + i);
            }
        }
    }
}
