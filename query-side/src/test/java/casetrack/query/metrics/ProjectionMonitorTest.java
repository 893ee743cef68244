package casetrack.query.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections' monitor against axon-micrometer's own for an event processor: fed the same
 * events with the same outcomes, it registers the same meters (names, types, tags, percentiles) and
 * counts the same.
 */
class ProjectionMonitorTest {

    @Test
    void recordsWhatAxonsEventProcessorMonitorsRecord() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        feed(new GlobalMetricRegistry(axons).registerEventProcessor("case-projections"));
        feed(ProjectionMonitor.forProcessor("case-projections", ours));

        assertThat(ids(ours)).isEqualTo(ids(axons)).hasSizeGreaterThanOrEqualTo(11);
        for (Meter meter : axons.getMeters()) {
            Meter twin = ours.find(meter.getId().getName()).tags(meter.getId().getTags()).meter();
            assertThat(twin).as(meter.getId().getName()).isNotNull();
            if (meter instanceof Counter counter) {
                assertThat(((Counter) twin).count()).as(meter.getId().getName()).isEqualTo(counter.count());
            } else if (meter instanceof Timer timer) {
                assertThat(((Timer) twin).count()).as(meter.getId().getName()).isEqualTo(timer.count());
                assertThat(percentiles((Timer) twin)).as(meter.getId().getName()).isEqualTo(percentiles(timer));
            }
        }
        assertThat(ours.get("case-projections.successCounter").counter().count()).isEqualTo(3);
        assertThat(ours.get("case-projections.failureCounter").counter().count()).isEqualTo(1);
        assertThat(ours.get("case-projections.ignoredCounter").counter().count()).isEqualTo(2);
        assertThat(ours.get("case-projections.ingestedCounter").counter().count()).isEqualTo(6);
        assertThat(ours.get("case-projections.allTimer").timer().count()).isEqualTo(6);
    }

    /** Six events: three handled, one failed, two ignored. */
    @SuppressWarnings("unchecked")
    private static void feed(MessageMonitor<?> monitor) {
        MessageMonitor<Message<?>> m = (MessageMonitor<Message<?>>) monitor;
        for (int i = 0; i < 6; i++) {
            MessageMonitor.MonitorCallback callback = m.onMessageIngested(GenericEventMessage.asEventMessage("event " + i));
            if (i < 3) {
                callback.reportSuccess();
            } else if (i == 3) {
                callback.reportFailure(new IllegalStateException("failed"));
            } else {
                callback.reportIgnored();
            }
        }
    }

    private static List<String> ids(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId)
                .map(id -> id.getType() + " " + id.getName() + " " + id.getTags())
                .sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    }

    private static List<Double> percentiles(Timer timer) {
        return Arrays.stream(timer.takeSnapshot().percentileValues())
                .map(v -> v.percentile()).collect(Collectors.toList());
    }
}
