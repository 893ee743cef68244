package casetrack.query.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import casetrack.query.store.AxonStoreConfiguration;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Rebuilds every projection from the first event: shut the processor down, checksums of the
 * tables, set the tables' secondary indexes aside ({@link ReplayIndexes}), reset its tokens
 * (the reset handlers empty the tables in the same transaction), start it again; progress from the
 * segments' positions; once every event up to the head at the start is in (every segment past it,
 * and every one of those events counted in the delivery log, which commits with each batch), the
 * indexes are built again, then checksums again.
 * Reads go on during the rebuild and see partly rebuilt tables; every API answer says so with
 * {@code X-Casetrack-Replay: in-progress}. All query nodes but this one must be stopped first:
 * a reset needs every segment unclaimed.
 */
@Service
public class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    public static final String READS_DURING_REPLAY =
            "reads are served from the partly rebuilt tables while a replay runs, marked X-Casetrack-Replay: in-progress";

    public enum State { IDLE, RUNNING, DONE, FAILED }

    /**
     * {@code rebuiltAt}: when every projection had taken in the last event there was at the start and
     * the indexes set aside for the replay ({@code indexesSetAside}) were built again, which took
     * {@code indexSeconds}; {@code eventsPerSecond} counts up to then. {@code finishedAt}: after the
     * checksums of the rebuilt tables were taken as well ({@code checksumSeconds}).
     */
    public record Progress(State state, long eventsDone, long eventsTotal, double eventsPerSecond, Long secondsLeft,
                           Instant startedAt, Instant rebuiltAt, Instant finishedAt, Integer indexesSetAside,
                           Double indexSeconds, Double checksumSeconds,
                           Map<String, String> checksumsBefore, Map<String, String> checksumsAfter, Boolean checksumsEqual,
                           String readsDuringReplay, String error) {
    }

    private final EventProcessingConfiguration processing;
    private final ProjectionChecksums checksums;
    private final ReplayIndexes indexes;
    private final boolean setIndexesAside;
    /** How long a replay's start waits for the live projections to stop (their batch in flight to commit). */
    private final Duration stopWait;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replay-watcher");
        t.setDaemon(true);
        return t;
    });

    private final ApplicationContext context;
    /**
     * Set when this query side's context begins to close (before Axon stops the processor): from then
     * on nothing here starts the live projections, not even the restart after a refused replay whose
     * held batch lands during the shutdown.
     */
    private volatile boolean closing;

    private volatile State state = State.IDLE;
    private long eventsDone;
    /** The position up to which eventsDone has counted the events (counting only the new range each time). */
    private long countedUpTo;
    private long eventsTotal;
    private long firstPosition;
    private long headAtStart;
    private Instant startedAt;
    private Instant rebuiltAt;
    private Integer indexesSetAside;
    private Double indexSeconds;
    private Instant finishedAt;
    private Map<String, String> before;
    private Map<String, String> after;
    private String error;
    private ScheduledFuture<?> watch;
    /** When the segments first read past the head while the delivery log still lacked events (nanoTime). */
    private Long segmentsPastSince;
    /**
     * How long the segments may read past the head while events up to it are still missing from
     * the delivery log before the replay finishes anyway: a batch commits in well under a second,
     * so only an event no projection handles would keep them apart (casetrack stores none).
     */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(30);
    /** How long a replay's start waits for the live projections' last batches, and for how many events at most. */
    private static final Duration LIVE_WAIT = Duration.ofSeconds(3);
    private static final long LIVE_BACKLOG_WAITED_FOR = 2_000;

    public ReplayService(ApplicationContext context, EventProcessingConfiguration processing, ProjectionChecksums checksums,
                         ReplayIndexes indexes, JdbcTemplate jdbc, Clock clock,
                         @Value("${casetrack.query.replay.set-indexes-aside:true}") boolean setIndexesAside,
                         @Value("${casetrack.query.replay.stop-wait:30s}") Duration stopWait) {
        this.context = context;
        this.processing = processing;
        this.stopWait = stopWait;
        this.checksums = checksums;
        this.indexes = indexes;
        this.setIndexesAside = setIndexesAside;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Starts a replay; refuses while one runs. */
    public synchronized Progress start() {
        if (state == State.RUNNING) {
            throw new ReplayAlreadyRunningException();
        }
        StreamingEventProcessor processor = processor();
        // the sums before must cover the events the rebuild folds: let a batch or two still in
        // flight land, then shut down before summing, so that none lands between the sums and the reset
        letTheLastBatchesLand();
        stopLiveProcessing(processor);
        after = null;
        error = null;
        finishedAt = null;
        rebuiltAt = null;
        indexesSetAside = null;
        indexSeconds = null;
        eventsDone = 0;
        try {
            firstPosition = jdbc.queryForObject("SELECT coalesce(min(global_index), 0) FROM events.domain_event_entry", Long.class);
            headAtStart = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM events.domain_event_entry", Long.class);
            eventsTotal = jdbc.queryForObject("SELECT count(*) FROM events.domain_event_entry", Long.class);
            before = checksums.all();
        } catch (RuntimeException e) {
            startLive(processor);
            throw e;
        }
        countedUpTo = firstPosition - 1;
        segmentsPastSince = null;
        startedAt = clock.instant();
        try {
            // committed before the reset: a failure or a kill from here on leaves them noted, and they
            // are built again below or at the next start (ReplayIndexes)
            indexesSetAside = setIndexesAside ? indexes.setAside() : 0;
            processor.resetTokens();
        } catch (RuntimeException e) {
            indexes.restore();
            startLive(processor);
            throw e;
        }
        state = State.RUNNING;
        startLive(processor);
        log.info("replay of {} started over {} events", AxonStoreConfiguration.PROJECTIONS, eventsTotal);
        watch = watcher.scheduleWithFixedDelay(this::refreshSafely, 100, 100, TimeUnit.MILLISECONDS);
        return progressNow();
    }

    /**
     * Stops the live projections, waiting at most {@link #stopWait} for their batch in flight. A
     * batch that takes longer (a lock held elsewhere, a handler stuck) leaves them stopping: no replay
     * starts, and they start again by themselves once that batch is done, so the request answers
     * instead of hanging, and the live projections are not left stopped.
     */
    private void stopLiveProcessing(StreamingEventProcessor processor) {
        CompletableFuture<Void> stopped = processor.shutdownAsync();
        try {
            stopped.get(stopWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("replay not started: the live projections did not stop within {} s; they go on once their batch "
                    + "in flight is done", stopWait.toSeconds());
            stopped.whenCompleteAsync((done, failure) -> startAgainIfStillStopped(processor), watcher);
            throw new ReplayNotStartedException(stopWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.whenCompleteAsync((done, failure) -> startAgainIfStillStopped(processor), watcher);
            throw new IllegalStateException("interrupted while the live projections stopped for a replay", e);
        } catch (ExecutionException e) {
            startAgainIfStillStopped(processor);
            throw new IllegalStateException("the live projections failed to stop for a replay", e.getCause());
        }
    }

    /** After a replay's start gave up waiting for the live projections to stop, once they have. */
    private synchronized void startAgainIfStillStopped(StreamingEventProcessor processor) {
        // a replay asked for meanwhile may have found them stopped and started them itself
        if (!processor.isRunning() && startLive(processor)) {
            log.info("the live projections stopped for a replay that was not started; started again");
        }
    }

    /**
     * Starts the processor unless this query side is shutting down: a processor started after Axon
     * has stopped it would run on into the closing of the pool, logging connection errors until the
     * JVM ends (its claims are this node's, so the next start takes them back). The replay's progress
     * is kept in its tokens either way, and the next start goes on from them. True if started.
     */
    private boolean startLive(StreamingEventProcessor processor) {
        if (closing) {
            log.info("the live projections are not started again: the query side is shutting down");
            return false;
        }
        processor.start();
        return true;
    }

    /** First among the listeners: the context has begun to close, and Axon is about to stop the processor. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void contextClosing(ContextClosedEvent event) {
        // a child context's close (none here today) reaches this context's listeners too
        if (event.getApplicationContext() == context) {
            closing = true;
        }
    }

    public synchronized Progress progress() {
        return progressNow();
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            synchronized (this) {
                state = State.FAILED;
                error = e.getMessage();
                watch.cancel(false);
            }
            log.error("replay watcher failed", e);
        }
    }

    private void refresh() {
        if (!caughtUp()) {
            return;
        }
        // the index builds and the checksums read every projection table (half a minute each at
        // 1,000,000 events): outside the lock, so that the progress answers meanwhile (RUNNING, every
        // event done; rebuiltAt once the indexes are back)
        long buildStart = System.nanoTime();
        indexes.restore();
        synchronized (this) {
            indexSeconds = (System.nanoTime() - buildStart) / 1e9;
            rebuiltAt = clock.instant();
        }
        Map<String, String> sums = checksums.all();
        synchronized (this) {
            after = sums;
            finishedAt = clock.instant();
            state = State.DONE;
            log.info("replay done: {} events, checksums {}", eventsDone, after.equals(before) ? "equal" : "DIFFER");
        }
    }

    /** Counts the events taken in; true once, when every segment is past the last event (the watch then stops). */
    private synchronized boolean caughtUp() {
        if (state != State.RUNNING || watch.isCancelled()) {
            return false;
        }
        Collection<EventTrackerStatus> segments = processor().processingStatus().values();
        long allSegments = jdbc.queryForObject("SELECT count(*) FROM query.token_entry WHERE processor_name = ?",
                Long.class, AxonStoreConfiguration.PROJECTIONS);
        if (segments.isEmpty()) {
            return false;
        }
        long position = segments.stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(firstPosition - 1)).min().orElse(firstPosition - 1);
        // global indexes may have gaps: count the events behind the slowest segment, adding only those
        // since the last count (a count from the first event each time was a scan of every event so far,
        // ten times a second: at 1,000,000 events a third of a core)
        if (position > countedUpTo) {
            eventsDone += jdbc.queryForObject(
                    "SELECT count(*) FROM events.domain_event_entry WHERE global_index > ? AND global_index <= ?",
                    Long.class, countedUpTo, position);
            countedUpTo = position;
        }
        // Axon's ReplayToken says "replaying" until an event newer than the reset arrives, so the
        // rebuild counts as done once every segment has passed the last event there was at the start,
        // or has read everything there is (an idle segment's reported position may lag behind)
        boolean segmentsPast = segments.size() == allSegments
                && (position >= headAtStart || segments.stream().allMatch(EventTrackerStatus::isCaughtUp));
        if (!segmentsPast) {
            segmentsPastSince = null;
            return false;
        }
        // a segment reads "caught up" as soon as the coordinator has handed its work package the
        // last events, before that package has committed them; the delivery log is written in each
        // batch's own transaction, so it says when every event up to the head is in the tables
        if (!everyEventDeliveredUpTo(headAtStart)) {
            long now = System.nanoTime();
            if (segmentsPastSince == null) {
                segmentsPastSince = now;
            }
            if (now - segmentsPastSince < DELIVERY_WAIT.toNanos()) {
                return false;
            }
            log.warn("replay: every segment is past the head, but after {} s not every event up to {} has reached the "
                    + "projections (query.event_delivery); finishing without them", DELIVERY_WAIT.toSeconds(), headAtStart);
        }
        watch.cancel(false);
        return true;
    }

    /**
     * True when the delivery log ({@link casetrack.query.store.EventDeliveryLog}, emptied by the
     * reset, written in every batch's transaction) holds every stored event up to {@code head}.
     */
    private boolean everyEventDeliveredUpTo(long head) {
        return undeliveredUpTo(head) <= 0;
    }

    /** How many stored events up to {@code head} the delivery log does not yet count. */
    private long undeliveredUpTo(long head) {
        Long missing = jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM events.domain_event_entry WHERE global_index <= ?)
                     - (SELECT count(*) FROM query.event_delivery WHERE global_index <= ?)
                """, Long.class, head, head);
        return missing == null ? 0 : missing;
    }

    /**
     * Waits, up to {@link #LIVE_WAIT}, while the live projections are a few batches short of the
     * head (steps recorded just before the replay was asked for). A longer backlog (a bulk load, a
     * restore) is not waited for: the sums before then lack those events and compare unequal.
     */
    private void letTheLastBatchesLand() {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM events.domain_event_entry", Long.class);
        long deadline = System.nanoTime() + LIVE_WAIT.toNanos();
        long missing;
        while ((missing = undeliveredUpTo(head)) > 0 && missing <= LIVE_BACKLOG_WAITED_FOR && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Progress progressNow() {
        Instant end = rebuiltAt != null ? rebuiltAt : finishedAt != null ? finishedAt : clock.instant();
        double seconds = startedAt == null ? 0 : Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        double rate = seconds == 0 ? 0 : eventsDone / seconds;
        Long left = state != State.RUNNING ? null : rate > 0 ? Math.round(Math.max(eventsTotal - eventsDone, 0) / rate) : null;
        Double checksumSeconds = rebuiltAt == null || finishedAt == null ? null
                : Duration.between(rebuiltAt, finishedAt).toMillis() / 1000.0;
        return new Progress(state, eventsDone, eventsTotal, rate, left, startedAt, rebuiltAt, finishedAt, indexesSetAside,
                indexSeconds, checksumSeconds,
                before, after, after == null ? null : after.equals(before), READS_DURING_REPLAY, error);
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(AxonStoreConfiguration.PROJECTIONS, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + AxonStoreConfiguration.PROJECTIONS));
    }

    @PreDestroy
    void stopWatching() {
        watcher.shutdownNow();
    }

    /** The live projections did not stop in time; nothing was reset, and they go on by themselves. */
    public static class ReplayNotStartedException extends RuntimeException {
        public ReplayNotStartedException(Duration waited) {
            super("no replay was started: the live projections did not stop within " + waited.toSeconds()
                    + " s (a batch of theirs was still running); they go on by themselves once it is done; ask again");
        }
    }

    public static class ReplayAlreadyRunningException extends RuntimeException {
        public ReplayAlreadyRunningException() {
            super("a replay is already running; follow it at GET /api/admin/replay");
        }
    }
}
