package casetrack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the bench reads from Micrometer's jvm_gc_pause_seconds series (Prometheus text, parallel collector). */
class GcPausesTest {

    private static final String SCRAPE = """
            # HELP jvm_gc_pause_seconds Time spent in GC pause
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count{action="end of major GC",cause="Ergonomics",gc="PS MarkSweep"} 1
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="Ergonomics",gc="PS MarkSweep"} 0.344
            jvm_gc_pause_seconds_count{action="end of major GC",cause="Metadata GC Threshold",gc="PS MarkSweep"} 1
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="Metadata GC Threshold",gc="PS MarkSweep"} 0.282
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="Allocation Failure",gc="PS Scavenge"} 73
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="Allocation Failure",gc="PS Scavenge"} 2.6
            # HELP jvm_gc_pause_seconds_max Time spent in GC pause
            # TYPE jvm_gc_pause_seconds_max gauge
            jvm_gc_pause_seconds_max{action="end of major GC",cause="Ergonomics",gc="PS MarkSweep"} 0.344
            jvm_gc_live_data_size_bytes 2.9818176E7
            """;

    @Test
    void majorAndMinorPausesAreSummedOverTheirCauses() {
        GcPauses.Totals t = GcPauses.parse(SCRAPE);
        assertThat(t.majorCount()).isEqualTo(2);
        assertThat(t.majorSeconds()).isCloseTo(0.626, within(1e-9));
        assertThat(t.minorCount()).isEqualTo(73);
        assertThat(t.minorSeconds()).isCloseTo(2.6, within(1e-9));
        assertThat(t.liveMiB()).isCloseTo(28.437, within(0.001));
    }

    @Test
    void aPhaseIsTheDifferenceAndARestartSaysSo() {
        GcPauses.Totals before = new GcPauses.Totals(1, 0.282, 70, 2.5);
        GcPauses.Totals phase = GcPauses.parse(SCRAPE).minus(before);
        assertThat(phase.text()).isEqualTo("1 major 344 ms (28 MiB live after it), 3 minor 100 ms");
        assertThat(phase.json()).containsEntry("liveMiBAfterLastMajor", phase.liveMiB());
        // without a full collection in the phase the live size says nothing about it
        assertThat(GcPauses.parse(SCRAPE).minus(new GcPauses.Totals(2, 0.626, 70, 2.5)).text())
                .isEqualTo("0 major 0 ms, 3 minor 100 ms");
        assertThat(phase.restarted()).isFalse();
        // the service restarted between the reads: its counters began again below the earlier ones
        assertThat(new GcPauses.Totals(0, 0, 2, 0.1).minus(before).text()).isEqualTo("restarted");
    }
}
