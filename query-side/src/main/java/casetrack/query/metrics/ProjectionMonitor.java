package casetrack.query.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.axonframework.monitoring.MultiMessageMonitor;

/**
 * The metrics of the projections' event processor, the same that axon-micrometer's
 * {@code GlobalMetricRegistry} registers for an event processor without dimensions: the four timers
 * of Axon's {@code MessageTimerMonitor} ({@code <processor>.allTimer}, {@code .successTimer},
 * {@code .failureTimer}, {@code .ignoredTimer}, with its percentiles and expiry), the five counters of
 * its {@code MessageCountingMonitor} ({@code .ingestedCounter}, {@code .successCounter},
 * {@code .failureCounter}, {@code .processedCounter}, {@code .ignoredCounter}), and its own latency and
 * capacity monitors. Axon's timer and counting monitors look their nine meters up in the registry for
 * every event (building a timer's description four times over), which in a replay took a twentieth
 * of the query side's CPU; without dimensions the meters are the same for every event, so this one
 * looks them up once.
 */
public final class ProjectionMonitor extends MultiMessageMonitor<EventMessage<?>> {

    private ProjectionMonitor(List<MessageMonitor<? super EventMessage<?>>> monitors) {
        super(monitors);
    }

    /** Every monitor of the processor, in the order axon-micrometer puts them; its meters registered now. */
    public static ProjectionMonitor forProcessor(String processor, MeterRegistry registry) {
        Meters meters = new Meters(processor, registry);
        return new ProjectionMonitor(List.of(meters.timers(),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(processor).meterRegistry(registry).build(),
                CapacityMonitor.buildMonitor(processor, registry),
                meters.counters()));
    }

    /** The nine meters of Axon's timer and counting monitors, looked up once. */
    private static final class Meters {

        private final Clock clock = Clock.SYSTEM;
        private final Timer allTimer;
        private final Timer successTimer;
        private final Timer failureTimer;
        private final Timer ignoredTimer;
        private final Counter ingested;
        private final Counter success;
        private final Counter failure;
        private final Counter processed;
        private final Counter ignored;

        Meters(String processor, MeterRegistry registry) {
            allTimer = timer(processor + ".allTimer", registry);
            successTimer = timer(processor + ".successTimer", registry);
            failureTimer = timer(processor + ".failureTimer", registry);
            ignoredTimer = timer(processor + ".ignoredTimer", registry);
            ingested = registry.counter(processor + ".ingestedCounter");
            success = registry.counter(processor + ".successCounter");
            failure = registry.counter(processor + ".failureCounter");
            processed = registry.counter(processor + ".processedCounter");
            ignored = registry.counter(processor + ".ignoredCounter");
        }

        private static Timer timer(String name, MeterRegistry registry) {
            // as Axon's MessageTimerMonitor builds them
            return Timer.builder(name)
                    .distributionStatisticExpiry(Duration.ofMinutes(10))
                    .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                    .register(registry);
        }

        /** What Axon's {@code MessageTimerMonitor} records, on the timers looked up once. */
        private MessageMonitor<Message<?>> timers() {
            return message -> {
                long start = clock.monotonicTime();
                return new MonitorCallback() {
                    @Override
                    public void reportSuccess() {
                        time(start, successTimer);
                    }

                    @Override
                    public void reportFailure(Throwable cause) {
                        time(start, failureTimer);
                    }

                    @Override
                    public void reportIgnored() {
                        time(start, ignoredTimer);
                    }
                };
            };
        }

        /** The time since {@code start} on the timer of all events and on that of the outcome. */
        private void time(long start, Timer outcome) {
            long duration = clock.monotonicTime() - start;
            allTimer.record(duration, TimeUnit.NANOSECONDS);
            outcome.record(duration, TimeUnit.NANOSECONDS);
        }

        /** What Axon's {@code MessageCountingMonitor} counts, on the counters looked up once. */
        private MessageMonitor<Message<?>> counters() {
            return message -> {
                ingested.increment();
                return new MonitorCallback() {
                    @Override
                    public void reportSuccess() {
                        processed.increment();
                        success.increment();
                    }

                    @Override
                    public void reportFailure(Throwable cause) {
                        processed.increment();
                        failure.increment();
                    }

                    @Override
                    public void reportIgnored() {
                        ignored.increment();
                    }
                };
            };
        }
    }
}
