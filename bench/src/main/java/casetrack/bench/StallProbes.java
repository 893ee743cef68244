package casetrack.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Two probes that run beside a fixed-rate phase and say when the machine stalled, whatever the
 * reason, so that a slow request that met no JVM pause can be set beside them ({@link TailPauses}):
 * <ul>
 * <li><b>commits</b>: one raw single-event append and commit ({@link RawPostgres#appendOne}, the
 * limit's own statement, {@code synchronous_commit=on}) every {@value #COMMIT_EVERY_MS} ms on a
 * connection of its own, into {@code bench.commit_probe} (shaped like the raw table). A commit of
 * {@value #SLOW_MS} ms or more, where the limit's commits take well under one, says PostgreSQL's
 * commit path (its WAL flush, the disk, its backend's turn on a core) stalled then;</li>
 * <li><b>wake-ups</b>: a thread of this JVM that sleeps {@value #SLEEP_MS} ms at a time. A wake-up
 * {@value #SLOW_MS} ms or more late says a runnable thread waited that long for a core (or for this
 * JVM's safepoint, which the load tool's own pauses already show).</li>
 * </ul>
 * A commit that is slow while the wake-ups are on time points at PostgreSQL or the disk; both slow
 * at once point at the cores. The probes add {@value #COMMITS_PER_S} commits a second to the phase's
 * load, which the report says.
 */
final class StallProbes implements AutoCloseable {

    static final long COMMIT_EVERY_MS = 20;
    static final long COMMITS_PER_S = 1000 / COMMIT_EVERY_MS;
    static final long SLEEP_MS = 5;
    /** A commit this slow, or a wake-up this late, is a stall. */
    static final double SLOW_MS = 10;

    /** One probe reading on the wall clock: when it began and how long it took (a commit) or how late it was (a wake-up). */
    record Reading(double startMs, double ms) {
    }

    /** What the probes saw during a phase. */
    record Seen(List<Reading> commits, List<Reading> lateWakeUps, long wakeUps) {

        /** The commits of {@link #SLOW_MS} or more, as windows from their start to their end. */
        List<TailPauses.Pause> slowCommits() {
            return commits.stream().filter(r -> r.ms() >= SLOW_MS)
                    .map(r -> new TailPauses.Pause(TailPauses.SLOW_COMMIT, r.startMs(), r.startMs() + r.ms())).toList();
        }

        /** The wake-ups {@link #SLOW_MS} or more late, as windows from the intended wake-up to the real one. */
        List<TailPauses.Pause> lateWakeUpWindows() {
            return lateWakeUps.stream().filter(r -> r.ms() >= SLOW_MS)
                    .map(r -> new TailPauses.Pause(TailPauses.LATE_WAKE_UP, r.startMs(), r.startMs() + r.ms())).toList();
        }

        /** The figures the report gives: the commits' p50/p99/max, the slow commits and the late wake-ups. */
        java.util.Map<String, Object> json() {
            double[] ms = commits.stream().mapToDouble(Reading::ms).toArray();
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("commitEveryMs", COMMIT_EVERY_MS);
            m.put("commits", commits.size());
            m.put("commitP50Ms", TailPauses.percentile(ms, 50));
            m.put("commitP99Ms", TailPauses.percentile(ms, 99));
            m.put("commitMaxMs", java.util.Arrays.stream(ms).max().orElse(Double.NaN));
            m.put("slowMs", SLOW_MS);
            m.put("slowCommits", slowCommits().size());
            m.put("sleepMs", SLEEP_MS);
            m.put("wakeUps", wakeUps);
            m.put("lateWakeUps", lateWakeUpWindows().size());
            m.put("latestWakeUpMs", lateWakeUps.stream().mapToDouble(Reading::ms).max().orElse(0));
            return m;
        }

        /** The same figures as {@link #json()}, in a sentence. */
        String text() {
            java.util.Map<String, Object> m = json();
            return String.format(Locale.ROOT, "The commit probe committed %d times (p50 %s ms, p99 %s ms, max %s ms; %d of %s ms or more); "
                            + "the wake-up probe woke %d times, %d of them %s ms or more late (the latest by %s ms).",
                    m.get("commits"), Report.num((double) m.get("commitP50Ms")), Report.num((double) m.get("commitP99Ms")),
                    Report.num((double) m.get("commitMaxMs")), m.get("slowCommits"), Report.num(SLOW_MS),
                    m.get("wakeUps"), m.get("lateWakeUps"), Report.num(SLOW_MS), Report.num((double) m.get("latestWakeUpMs")));
        }
    }

    private final long epochMillisAtStart = System.currentTimeMillis();
    private final long nanosAtStart = System.nanoTime();
    private final List<Reading> commits = new ArrayList<>();
    private final List<Reading> lateWakeUps = new ArrayList<>();
    private long wakeUps;
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private volatile Exception failure;

    /** Probes that take no readings ({@code CASETRACK_BENCH_PROBES=off}): {@link #stop()} answers that they saw nothing. */
    static StallProbes none() {
        return new StallProbes();
    }

    /** Creates the probe's table if needed and starts both probes. */
    static StallProbes start(Cluster cluster, RawPostgres raw) throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench.commit_probe (LIKE bench.raw_event_entry INCLUDING ALL)");
        }
        StallProbes probes = new StallProbes();
        probes.threads.add(new Thread(() -> probes.commit(cluster, raw), "stall-probe-commits"));
        probes.threads.add(new Thread(probes::sleep, "stall-probe-wake-ups"));
        for (Thread t : probes.threads) {
            t.setDaemon(true);
            t.start();
        }
        return probes;
    }

    private double wallMs(long nanos) {
        return epochMillisAtStart + (nanos - nanosAtStart) / 1e6;
    }

    private void commit(Cluster cluster, RawPostgres raw) {
        String aggregate = "probe-" + Long.toString(epochMillisAtStart, 36);
        try (Connection c = cluster.connect()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // so that the wait-event sampler can find this backend (WaitSampler)
                s.execute("SET application_name = '" + WaitSampler.COMMIT_PROBE + "'");
            }
            PreparedStatement insert = raw.prepareAppend(c, "bench.commit_probe");
            long period = TimeUnit.MILLISECONDS.toNanos(COMMIT_EVERY_MS);
            long next = System.nanoTime();
            for (long n = 0; running; n++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long t0 = System.nanoTime();
                raw.appendOne(insert, aggregate, n);
                long t1 = System.nanoTime();
                synchronized (this) {
                    commits.add(new Reading(wallMs(t0), (t1 - t0) / 1e6));
                }
                // a slow commit skips the slots it overran, as one client would
                next = Math.max(next + period, t1);
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private void sleep() {
        long sleep = TimeUnit.MILLISECONDS.toNanos(SLEEP_MS);
        while (running) {
            long t0 = System.nanoTime();
            LockSupport.parkNanos(sleep);
            long late = System.nanoTime() - t0 - sleep;
            synchronized (this) {
                wakeUps++;
                if (late >= TimeUnit.MILLISECONDS.toNanos(1)) {
                    lateWakeUps.add(new Reading(wallMs(t0 + sleep), late / 1e6));
                }
            }
        }
    }

    /** Stops both probes and returns what they saw. */
    Seen stop() throws Exception {
        running = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (failure != null) {
            throw new IllegalStateException("the commit probe failed: " + failure, failure);
        }
        synchronized (this) {
            return new Seen(List.copyOf(commits), List.copyOf(lateWakeUps), wakeUps);
        }
    }

    /** Stops both probes without waiting for them (after {@link #stop()}, or when the phase failed before it). */
    @Override
    public void close() {
        running = false;
    }
}
