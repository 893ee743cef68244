package casetrack.query.metrics;

import casetrack.query.replay.ReplayService;
import casetrack.query.store.AxonStoreConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projections' health as Prometheus series:
 * <ul>
 *   <li>{@code casetrack_projection_lag_events{processor, segment}}: the newest global index in the
 *   event store minus the position of each segment this node processes (about how many events it is
 *   behind; 0 when caught up);</li>
 *   <li>{@code casetrack_projection_head_global_index}: that newest global index;</li>
 *   <li>{@code casetrack_replay_running} (1/0), {@code casetrack_replay_events_done},
 *   {@code casetrack_replay_events_expected}, {@code casetrack_replay_progress_ratio}: the current or
 *   last replay, from {@link ReplayService}.</li>
 * </ul>
 * Lag is refreshed in the background every {@code casetrack.metrics.lag-refresh-ms} (one index-only
 * query for the head, the positions from the processor's memory), never on the scrape itself.
 */
@Component
public class ProjectionMetrics {

    private static final Logger log = LoggerFactory.getLogger(ProjectionMetrics.class);
    public static final String LAG = "casetrack.projection.lag.events";

    private final MeterRegistry registry;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final long refreshMillis;
    private final AtomicLong head = new AtomicLong(-1);
    private final Map<Integer, AtomicLong> lagBySegment = new ConcurrentHashMap<>();
    private final Map<Integer, Gauge> gauges = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "projection-metrics");
        t.setDaemon(true);
        return t;
    });

    public ProjectionMetrics(MeterRegistry registry, EventProcessingConfiguration processing, JdbcTemplate jdbc,
                             ReplayService replay, @Value("${casetrack.metrics.lag-refresh-ms:1000}") long refreshMillis) {
        this.registry = registry;
        this.processing = processing;
        this.jdbc = jdbc;
        this.refreshMillis = refreshMillis;
        Gauge.builder("casetrack.projection.head.global.index", head, AtomicLong::get)
                .description("Newest global index in the event store, as of the last refresh").register(registry);
        Gauge.builder("casetrack.replay.running", replay, r -> r.progress().state() == ReplayService.State.RUNNING ? 1 : 0)
                .description("1 while a replay of the projections runs").register(registry);
        Gauge.builder("casetrack.replay.events.done", replay, r -> r.progress().eventsDone())
                .description("Events the current or last replay has processed").register(registry);
        Gauge.builder("casetrack.replay.events.expected", replay, r -> r.progress().eventsTotal())
                .description("Events the current or last replay has to process").register(registry);
        Gauge.builder("casetrack.replay.progress.ratio", replay, ProjectionMetrics::ratio)
                .description("Share of the current or last replay done, 0 to 1").register(registry);
    }

    private static double ratio(ReplayService replay) {
        ReplayService.Progress p = replay.progress();
        if (p.state() == ReplayService.State.DONE) {
            return 1;
        }
        return p.eventsTotal() == 0 ? 0 : Math.min(1, (double) p.eventsDone() / p.eventsTotal());
    }

    @EventListener(ApplicationReadyEvent.class)
    void startRefreshing() {
        refresher.scheduleWithFixedDelay(this::refreshSafely, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the database may be down: keep the last figures, health says DOWN meanwhile
            log.debug("projection lag not refreshed: {}", e.toString());
        }
    }

    void refresh() {
        long newest = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM events.domain_event_entry", Long.class);
        head.set(newest);
        Map<Integer, EventTrackerStatus> status = processing
                .eventProcessor(AxonStoreConfiguration.PROJECTIONS, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
        for (Map.Entry<Integer, EventTrackerStatus> e : status.entrySet()) {
            long position = e.getValue().getCurrentPosition().orElse(-1);
            long lag = Math.max(0, newest - position);
            lagBySegment.computeIfAbsent(e.getKey(), this::register).set(lag);
        }
        // segments released to another node (or not claimed any more) stop reporting here
        for (Integer segment : lagBySegment.keySet()) {
            if (!status.containsKey(segment)) {
                lagBySegment.remove(segment);
                Gauge gauge = gauges.remove(segment);
                if (gauge != null) {
                    registry.remove(gauge);
                }
            }
        }
    }

    private AtomicLong register(int segment) {
        AtomicLong value = new AtomicLong();
        gauges.put(segment, Gauge.builder(LAG, value, AtomicLong::get)
                .description("Newest global index minus this segment's token position: events the projections are behind")
                .tag("processor", AxonStoreConfiguration.PROJECTIONS)
                .tag("segment", Integer.toString(segment))
                .register(registry));
        return value;
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
