package casetrack.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * How fast this machine's cores are at the moment of measuring, so that runs on different days can
 * be told apart: a shared VM can be much slower at CPU-bound work one hour than the next (session 7
 * saw raw primary-key selects at 32 clients fall from 17,656 to 10,425 per s with no steal time shown).
 * <ul>
 *   <li>{@link #sha256MiBPerSecond()}: one core hashing a fixed buffer (median of five timed rounds
 *   after a warm-up), taken with nothing else of the bench running;</li>
 *   <li>{@link #stealShare}: the share of the machine's CPU time the hypervisor reported as stolen
 *   between two readings of {@code /proc/stat} (often 0 on VMs that do not report it).</li>
 * </ul>
 */
final class MachineSpeed {

    private static final int BUFFER = 1 << 20;
    private static final int PER_ROUND = 32;
    /** Where the digests go, so that the JIT cannot leave them out. */
    static volatile byte blackhole;

    private MachineSpeed() {
    }

    /** MiB/s of SHA-256 on one core (median of five rounds of 32 MiB, after two untimed rounds). */
    static double sha256MiBPerSecond() throws Exception {
        byte[] data = new byte[BUFFER];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        double[] rates = new double[5];
        byte sink = 0;
        for (int round = -2; round < rates.length; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sha.update(data);
                sink ^= sha.digest()[0];
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (round >= 0) {
                rates[round] = PER_ROUND / seconds;
            }
        }
        blackhole = sink;
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    /** {total, steal} jiffies of the "cpu" line of /proc/stat; null where there is none. */
    static long[] stealTicks() {
        try {
            return parseSteal(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (Exception e) {
            return null;
        }
    }

    /** {total, steal} from a /proc/stat "cpu" line (steal is its 8th number; older kernels have none). */
    static long[] parseSteal(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[]{total, f.length > 8 ? Long.parseLong(f[8]) : 0};
    }

    /** The stolen share of the CPU time between two readings; -1 when either is missing or no time passed. */
    static double stealShare(long[] before, long[] after) {
        if (before == null || after == null || after[0] <= before[0]) {
            return -1;
        }
        return (double) (after[1] - before[1]) / (after[0] - before[0]);
    }
}
