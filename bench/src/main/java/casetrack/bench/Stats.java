package casetrack.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds and the percentiles the report quotes (nearest rank, no interpolation). */
public final class Stats {

    private long[] samples = new long[1024];
    private int count;

    public synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized void addAll(Stats other) {
        long[] theirs = other.sorted();
        for (long s : theirs) {
            add(s);
        }
    }

    public synchronized int count() {
        return count;
    }

    public synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(samples, count);
        Arrays.sort(copy);
        return copy;
    }

    /** The nearest-rank percentile in milliseconds: the smallest sample with at least p% of samples at or below it. */
    public double percentileMillis(double p) {
        return percentile(sorted(), p) / 1e6;
    }

    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        if (p <= 0) {
            return sorted[0];
        }
        // p * n / 100 in floating point can land a hair above an integer (99.9% of 1000): round that away
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    public double maxMillis() {
        long[] s = sorted();
        return s.length == 0 ? 0 : s[s.length - 1] / 1e6;
    }
}
