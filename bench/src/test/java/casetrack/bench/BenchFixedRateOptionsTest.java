package casetrack.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fixed rates' options from the environment. CASETRACK_BENCH_SETTLE: seconds (a fraction allowed)
 * before each rate, none when absent. CASETRACK_BENCH_PROBES: on unless "off". Anything else is
 * refused by the variable's name, before anything starts.
 */
class BenchFixedRateOptionsTest {

    @Test
    void secondsBecomeThePauseFractionsIncluded() {
        assertThat(Bench.settle("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Bench.settle(" 2.5 ")).isEqualTo(Duration.ofMillis(2500));
        assertThat(Bench.settle("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void anAbsentOrBlankValueMeansNoPause() {
        assertThat(Bench.settle(null)).isEqualTo(Duration.ZERO);
        assertThat(Bench.settle("  ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aValueThatIsNoNumberOrOutOfRangeIsRefusedByName() {
        assertThatThrownBy(() -> Bench.settle("5s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CASETRACK_BENCH_SETTLE").hasMessageContaining("\"5s\"");
        assertThatThrownBy(() -> Bench.settle("-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 600");
        assertThatThrownBy(() -> Bench.settle("NaN"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 600");
        assertThatThrownBy(() -> Bench.settle("601"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 600");
    }

    @Test
    void theProbesAreOnUnlessTurnedOff() {
        assertThat(Bench.probes(null)).isTrue();
        assertThat(Bench.probes("")).isTrue();
        assertThat(Bench.probes(" on ")).isTrue();
        assertThat(Bench.probes("OFF")).isFalse();
        assertThat(Bench.probes("off")).isFalse();
    }

    @Test
    void aProbesValueOtherThanOnOrOffIsRefusedByName() {
        assertThatThrownBy(() -> Bench.probes("no"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CASETRACK_BENCH_PROBES").hasMessageContaining("\"no\"");
    }

    @Test
    void probesTurnedOffSeeNothingAndTakeNoSamples() throws Exception {
        StallProbes.Seen seen = StallProbes.none().stop();
        assertThat(seen.commits()).isEmpty();
        assertThat(seen.lateWakeUps()).isEmpty();
        assertThat(seen.wakeUps()).isZero();
        assertThat(WaitSampler.none().stop().samples()).isEmpty();
    }
}
