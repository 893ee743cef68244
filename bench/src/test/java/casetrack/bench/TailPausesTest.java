package casetrack.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The services' GC logs become pauses on the wall clock, and the slowest 1% of a phase is set beside them. */
class TailPausesTest {

    private static final List<String> JVMS = List.of(TailPauses.COMMAND, TailPauses.QUERY, TailPauses.LOAD_TOOL);

    @Test
    void aGcLogLineIsAPauseEndingAtItsTimestampAndLastingItsDuration() {
        List<String> log = List.of(
                "[1796584315432ms] Using Parallel",
                "[1796584316499ms] GC(0) Pause Young (Allocation Failure) 16M->4M(61M) 32.584ms",
                "[1796584317023ms] GC(23) Pause Full (System.gc()) 34M->22M(57M) 17.697ms",
                "[1796584399000ms] GC(24) Pause Young (Allocation Failure) 16M->4M(61M) 2.000ms");
        List<TailPauses.Pause> pauses = TailPauses.fromGcLines(TailPauses.COMMAND, log, 1796584316000.0, 1796584318000.0);

        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0).endMs()).isEqualTo(1796584316499.0);
        assertThat(pauses.get(0).millis()).isCloseTo(32.584, within(1e-3));
        assertThat(pauses.get(1).startMs()).isCloseTo(1796584317023.0 - 17.697, within(1e-3));
        assertThat(pauses).allMatch(p -> p.jvm().equals(TailPauses.COMMAND));
    }

    @Test
    void slowRequestsDuringAPauseOrItsBacklogCountAsMeetingItAndTheRestAreClear() {
        // 200 requests 5 ms apart, 1 ms each, except three of 40 ms: two while the command side paused, one far from it
        int n = 200;
        double[] starts = new double[n];
        double[] latencies = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = 5.0 * i;
            latencies[i] = i == 100 || i == 101 || i == 150 ? 40 : 1;
        }
        List<TailPauses.Pause> pauses = List.of(new TailPauses.Pause(TailPauses.COMMAND, 495, 520));

        TailPauses.Attribution a = TailPauses.attribute(starts, latencies, pauses, JVMS, 0, 1000);

        assertThat(a.thresholdMs()).isEqualTo(40);
        assertThat(a.slow()).isEqualTo(3);
        assertThat(a.hits()).containsEntry(TailPauses.COMMAND, 2).containsEntry(TailPauses.QUERY, 0).containsEntry(TailPauses.LOAD_TOOL, 0);
        assertThat(a.hitAny()).isEqualTo(2);
        // the window runs from the pause's start to 50 ms after its end: 75 ms of the phase's 1000
        assertThat(a.coveredShare()).isCloseTo(0.075, within(1e-9));
        // requests 99 (495–496 ms) to 113 (565–566 ms) overlap that window
        assertThat(a.clear()).isEqualTo(185);
        assertThat(a.clearP99Ms()).isEqualTo(1);
        assertThat(a.pauseCounts()).containsEntry(TailPauses.COMMAND, 1).containsEntry(TailPauses.QUERY, 0);
        // 100 and 101 overlap (500–540, 505–545): one stall that met the pause; 150 is a stall of its own
        assertThat(a.episodes()).containsExactly(new TailPauses.Episode(500, 45, 2, List.of(TailPauses.COMMAND)),
                new TailPauses.Episode(750, 40, 1, List.of()));
        // the largest stall on the wall clock of a phase begun at 10 s: from request 100's intended start to 101's answer
        assertThat(a.largestStall(10_000)).contains(new TailPauses.Pause(TailPauses.LARGEST_STALL, 10_500, 10_545));
        assertThat(TailPauses.attribute(new double[0], new double[0], List.of(), JVMS, 0, 10).largestStall(0))
                .as("a phase without requests has no stall").isEmpty();
        assertThat(a.text()).contains("fell in 2 stalls", "+0.50 s, 2 over 45.0 ms (met the command JVM's pause); +0.75 s, 1 over 40.0 ms.");
        assertThat(a.text()).contains("3 requests at or over the p99 of 40.0 ms", "the command JVM's 67% (1 pause, longest 25.0 ms)",
                "the query JVM's 0% (no pause)", "of anyone's 67%", "cover 7.5%", "The 185 requests that met no window: p99 1.00 ms");
    }

    @Test
    void aStallOnlyTheProbesSawIsToldApartFromAPauseAndFromNothingMeasured() {
        // 400 requests 5 ms apart, 1 ms each; slow ones: 100–101 during a command-side pause, 200–203 during a
        // slow probe commit with the wake-ups on time, 300 during nothing any source saw
        int n = 400;
        double[] starts = new double[n];
        double[] latencies = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = 5.0 * i;
            latencies[i] = i == 100 || i == 101 || (i >= 200 && i <= 203) || i == 300 ? 60 : 1;
        }
        StallProbes.Seen seen = new StallProbes.Seen(List.of(
                new StallProbes.Reading(990, 0.8),      // fast: no window
                new StallProbes.Reading(1000, 70),      // slow: 1000–1070
                new StallProbes.Reading(1500, 9.9)),    // just under the threshold: no window
                List.of(new StallProbes.Reading(1700, 3)), 4000);
        List<TailPauses.Pause> windows = new java.util.ArrayList<>(List.of(new TailPauses.Pause(TailPauses.COMMAND, 495, 520)));
        windows.addAll(seen.slowCommits());
        windows.addAll(seen.lateWakeUpWindows());

        TailPauses.Attribution a = TailPauses.attribute(starts, latencies, windows, JVMS,
                List.of(TailPauses.SLOW_COMMIT, TailPauses.LATE_WAKE_UP), 0, 2000);

        assertThat(seen.slowCommits()).containsExactly(new TailPauses.Pause(TailPauses.SLOW_COMMIT, 1000, 1070));
        assertThat(seen.lateWakeUpWindows()).isEmpty();
        assertThat(a.slow()).isEqualTo(7);
        assertThat(a.hitAny()).isEqualTo(2);
        assertThat(a.hits()).containsEntry(TailPauses.SLOW_COMMIT, 4).containsEntry(TailPauses.LATE_WAKE_UP, 0);
        assertThat(a.probed().hitAnything()).isEqualTo(6);
        // the pauses' figures ignore the probe's window: the slow commit's requests count as clear of pauses
        assertThat(a.clearP99Ms()).isEqualTo(60);
        // clear of every window: 400 less requests 99–113 (the pause's window, 495–570 ms) and 200–223 (the slow
        // commit's, 1000–1120 ms); of those only request 300 is slow, under 1%
        assertThat(a.probed().clear()).isEqualTo(361);
        assertThat(a.probed().clearP99Ms()).isEqualTo(1);
        assertThat(a.probed().coveredShare()).isCloseTo((75 + 120) / 2000.0, within(1e-9));
        assertThat(a.episodes()).extracting(TailPauses.Episode::met)
                .containsExactly(List.of(TailPauses.COMMAND), List.of(TailPauses.SLOW_COMMIT), List.of());
        assertThat(a.text()).contains("the commit probe's 57% (1 slow commit, longest 70.0 ms)", "the wake-up probe's 0% (none)",
                "a pause or a probe's stall 86%", "The 361 requests that met no window of any kind: p99 1.00 ms",
                "1 met a pause, 1 no pause but a probe's stall, 1 neither", "(met a slow commit)");
        assertThat(a.text()).doesNotContain("the commit probe's 57% (1 pause");
        assertThat(seen.text()).contains("committed 3 times", "1 of 10.0 ms or more", "woke 4000 times, 0 of them 10.0 ms or more late");
    }

    @Test
    void overlappingWindowsAreCoveredOnceAndClippedToThePhase() {
        List<TailPauses.Pause> pauses = List.of(
                new TailPauses.Pause(TailPauses.COMMAND, 100, 110),   // window 100–160
                new TailPauses.Pause(TailPauses.QUERY, 140, 150),     // window 140–200: overlaps, union 100–200
                new TailPauses.Pause(TailPauses.LOAD_TOOL, 980, 990)); // window 980–1040, clipped to 980–1000

        assertThat(TailPauses.covered(pauses, 0, 1000)).isCloseTo(0.12, within(1e-9));
    }
}
