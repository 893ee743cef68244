package casetrack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic the report's verdicts rest on: nearest-rank percentiles, ratios, MET/MISSED and by how much. */
class StatsAndTargetsTest {

    @Test
    void percentilesAreNearestRank() {
        Stats s = new Stats();
        for (int i = 1000; i >= 1; i--) {
            s.add(i * 1_000_000L);
        }
        assertThat(s.percentileMillis(50)).isEqualTo(500.0);
        assertThat(s.percentileMillis(99)).isEqualTo(990.0);
        assertThat(s.percentileMillis(99.9)).isEqualTo(999.0);
        assertThat(s.percentileMillis(100)).isEqualTo(1000.0);
        assertThat(new Stats().percentileMillis(99)).isZero();
    }

    @Test
    void aFewSamplesPutP999OnTheWorst() {
        Stats s = new Stats();
        s.add(1_000_000);
        s.add(9_000_000);
        assertThat(s.percentileMillis(50)).isEqualTo(1.0);
        assertThat(s.percentileMillis(99.9)).isEqualTo(9.0);
    }

    @Test
    void atLeastTargetsSayHowShortTheyFell() {
        Target t = new Target("throughput", "20%", 100 * Target.ratio(200, 1000), 25, true, "%", "raw");
        assertThat(t.verdict()).isEqualTo(Target.Verdict.MISSED);
        assertThat(t.by()).isEqualTo("80% of target (20% short)");
        assertThat(new Target("x", "", 30, 25, true, "%", "").verdict()).isEqualTo(Target.Verdict.MET);
    }

    @Test
    void atMostTargetsSayHowFarOverTheyWent() {
        Target t = new Target("p99", "15 ms", 15, 10, false, " ms", "");
        assertThat(t.verdict()).isEqualTo(Target.Verdict.MISSED);
        assertThat(t.by()).isEqualTo("150% of the bound (50% over)");
        assertThat(new Target("p99", "", 10, 10, false, " ms", "").verdict()).isEqualTo(Target.Verdict.MET);
        assertThat(new Target("lag", "", Double.NaN, 100, false, " ms", "").verdict()).isEqualTo(Target.Verdict.NOT_MEASURED);
    }

    @Test
    void ratioToANonPositiveLimitIsUndefined() {
        assertThat(Target.ratio(5, 0)).isNaN();
    }

    @Test
    void theVersionAndEventIdsAreReadFromACommandAnswer() {
        String body = "{\"caseId\":\"c\",\"version\":12,\"eventIds\":[\"a-1\",\"b-2\"]}";
        assertThat(Load.version(body)).isEqualTo(12);
        assertThat(Faults.eventIds(body)).containsExactly("a-1", "b-2");
    }
}
