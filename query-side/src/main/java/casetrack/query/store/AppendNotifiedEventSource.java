package casetrack.query.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The projections' event source: reads the shared event table through the JDBC engine when told
 * that events were appended ({@link #eventsAppended()}, called on each NOTIFY by
 * {@link EventAppendListener}) and, in case a notification is lost, at least every fallback period.
 * <p>
 * Its streams accept Axon's availability callback, so the pooled processor's coordinator is woken
 * at once instead of re-checking an idle stream every 500 ms (what it does with the embedded event
 * store's streams, which offer no callback); and an idle stream costs no query between wake-ups.
 */
public class AppendNotifiedEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private final EventStorageEngine engine;
    private final Set<NotifiedStream> openStreams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService fallbackPoll;
    private final long gatherNanos;

    public AppendNotifiedEventSource(EventStorageEngine engine, Duration fallbackPoll) {
        this(engine, fallbackPoll, Duration.ZERO);
    }

    /**
     * @param gather at least this long between the starts of two reads of one stream: appends notified
     *               meanwhile are read together, so under load a read and a projection batch take in
     *               several steps (an idle stream still reads at once when notified)
     */
    public AppendNotifiedEventSource(EventStorageEngine engine, Duration fallbackPoll, Duration gather) {
        this.engine = engine;
        this.gatherNanos = Math.max(0, gather.toNanos());
        this.fallbackPoll = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-source-fallback-poll");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, fallbackPoll.toMillis());
        this.fallbackPoll.scheduleWithFixedDelay(this::eventsAppended, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Events may have been appended: every open stream reads on from its position, and wakes its reader. */
    public void eventsAppended() {
        openStreams.forEach(NotifiedStream::wake);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        NotifiedStream stream = new NotifiedStream(trackingToken);
        openStreams.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        // the streams belong to the processor, which closes them when it stops
        fallbackPoll.shutdownNow();
    }

    /**
     * One reader's position in the event table. Read and closed by the processor's coordinator
     * thread; woken from the listener and fallback threads.
     */
    private final class NotifiedStream implements TrackingEventStream {

        private final Lock lock = new ReentrantLock();
        private final Condition appended = lock.newCondition();
        /** Set on every wake-up and while a read still returns events; cleared when a read starts. */
        private final AtomicBoolean mayHaveEvents = new AtomicBoolean(true);
        /** A wake-up is scheduled for the end of the gathering time. */
        private final AtomicBoolean wakeScheduled = new AtomicBoolean();
        /** When the next read may start (System.nanoTime). */
        private volatile long nextReadAt = System.nanoTime();
        private volatile Runnable onAvailable = () -> {
        };
        private volatile boolean closed;
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> reading;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;

        private NotifiedStream(TrackingToken startToken) {
            this.lastToken = startToken;
        }

        private void wake() {
            mayHaveEvents.set(true);
            lock.lock();
            try {
                appended.signalAll();
            } finally {
                lock.unlock();
            }
            onAvailable.run();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            onAvailable = callback;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return hasNextAvailable() ? Optional.of(peeked) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (peeked == null && !closed) {
                if (readNext()) {
                    continue;
                }
                long now = System.nanoTime();
                if (mayHaveEvents.get() && now - nextReadAt >= 0) {
                    continue; // notified while the last read ran: read again at once
                }
                long remaining = deadline - now;
                if (remaining <= 0) {
                    return false;
                }
                if (mayHaveEvents.get()) {
                    remaining = Math.min(remaining, nextReadAt - now);
                }
                lock.lock();
                try {
                    if (!closed && (!mayHaveEvents.get() || System.nanoTime() < nextReadAt)) {
                        appended.awaitNanos(remaining);
                    }
                } finally {
                    lock.unlock();
                }
            }
            return peeked != null;
        }

        /** Takes the next event of the current read, starting one if events may have been appended. */
        private boolean readNext() {
            try {
                if (iterator == null) {
                    if (!mayHaveEvents.get()) {
                        return false;
                    }
                    long now = System.nanoTime();
                    if (now - nextReadAt < 0) {
                        // gathering: read once the time is up, and tell the reader then
                        wakeAt(nextReadAt - now);
                        return false;
                    }
                    mayHaveEvents.set(false);
                    nextReadAt = now + gatherNanos;
                    reading = engine.readEvents(lastToken, false);
                    iterator = reading.iterator();
                }
                if (iterator.hasNext()) {
                    peeked = iterator.next();
                    lastToken = peeked.trackingToken();
                    return true;
                }
                closeReading();
                return false;
            } catch (RuntimeException e) {
                // the coordinator retries with a new stream; this one reads again from its last token if reused
                closeReading();
                mayHaveEvents.set(true);
                throw e;
            }
        }

        private void wakeAt(long delayNanos) {
            if (wakeScheduled.compareAndSet(false, true)) {
                fallbackPoll.schedule(() -> {
                    wakeScheduled.set(false);
                    wake();
                }, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new IllegalStateException("the event stream is closed");
                }
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            return next;
        }

        private void closeReading() {
            if (reading != null) {
                reading.close();
            }
            reading = null;
            iterator = null;
        }

        @Override
        public void close() {
            closed = true;
            openStreams.remove(this);
            lock.lock();
            try {
                appended.signalAll();
            } finally {
                lock.unlock();
            }
            closeReading();
        }
    }
}
