package casetrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What every PostgreSQL process was doing, sampled from {@code pg_stat_activity} every
 * {@value #EVERY_MS} ms on a connection of its own during a fixed-rate phase: its state and wait
 * event ({@code IO:WalSync} flushing the WAL, {@code LWLock:WALWrite} queued behind another
 * process's flush, {@code Lock:*} on a row or a relation, no wait event while active: on a core or
 * waiting for one). The commit probe's backend ({@link StallProbes}, named {@value #COMMIT_PROBE})
 * is then looked at during its slow commits: a slow commit whose backend was seen in
 * {@code IO:WalSync} waited for the disk, in {@code LWLock:WALWrite} for another commit's flush,
 * active with no wait for the CPU, idle for this JVM (the commit was done in PostgreSQL). A backend
 * idle inside a transaction is also looked up in {@code /proc}: runnable, its client's next message
 * has arrived and it waits for a core; sleeping, it waits for its client.
 *
 * <p>A sample is one statement; each reads a fresh snapshot (autocommit). Its time on the wall
 * clock is the middle of the statement. It costs PostgreSQL one short read a sample, no WAL.
 */
final class WaitSampler implements AutoCloseable {

    static final long EVERY_MS = 10;
    /** The commit probe's {@code application_name}. */
    static final String COMMIT_PROBE = "casetrack-bench-commit-probe";
    /** The label of an active process without a wait event: running on a core, or runnable and waiting for one. */
    static final String ON_CPU = "active, no wait (CPU)";

    /** One process in one sample: who it is (its application name, else its kind) and what it was doing. */
    record Process(String who, String what) {
    }

    /** One sample: its time on the wall clock, how long the statement took, and every other process it saw. */
    record Sample(double wallMs, double queryMs, List<Process> processes) {
        boolean within(TailPauses.Pause window) {
            return wallMs >= window.startMs() && wallMs <= window.endMs();
        }
    }

    /**
     * What a process was doing, as the report names it: {@code type:event} for a wait, {@link #ON_CPU}
     * for an active process without one, and "idle" (with the idle session's state) otherwise. A
     * background process's {@code Activity} wait is its idle loop and reads as "idle".
     */
    static String label(String state, String waitType, String waitEvent) {
        if (waitType != null && !"Activity".equals(waitType) && !("Client".equals(waitType) && !"active".equals(state))) {
            return waitType + ":" + waitEvent;
        }
        if ("active".equals(state) && waitType == null) {
            return ON_CPU;
        }
        if ("idle in transaction".equals(state) || "idle in transaction (aborted)".equals(state)) {
            return IDLE_IN_TRANSACTION;
        }
        return IDLE;
    }

    /** A session waiting for its client outside a transaction, or a background process in its idle loop. */
    static final String IDLE = "idle";
    static final String IDLE_IN_TRANSACTION = "idle in transaction";

    /**
     * An idle-in-transaction backend with the first word of its last statement ({@code BEGIN}: the
     * transaction is open and its first real statement has not arrived; {@code INSERT}: it waits for
     * the next one or the {@code COMMIT}). Only that word: the report never holds statement text.
     */
    static String afterStatement(String label, String firstWord) {
        return firstWord == null || firstWord.isBlank() ? label : label + " after " + firstWord;
    }

    /**
     * An idle-in-transaction backend as the kernel has it: sleeping, it waits for its client's next
     * message; runnable ({@code R}), it is on a core or waiting for one: the next message has arrived,
     * or it has just sent its answer and not yet gone back to wait (where the scheduler may have put
     * the woken client first). Unknown ({@code ?}) leaves the label as it is.
     */
    static String withRunState(String label, char kernelState) {
        return switch (kernelState) {
            case 'R' -> label + ", runnable (on a core or waiting for one)";
            case 'S', 'D' -> label + ", sleeping (waiting for its client)";
            default -> label;
        };
    }

    /** The state letter of {@code /proc/<pid>/stat} (R running or runnable, S sleeping, D in I/O, ...), or '?' if unreadable. */
    static char kernelState(Path stat) {
        try {
            return kernelStateOf(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }

    /** The state letter of a {@code /proc/<pid>/stat} line: the field after the command name, which may hold spaces and parentheses. */
    static char kernelStateOf(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0 || close + 2 >= statLine.length()) {
            return '?';
        }
        return statLine.charAt(close + 2);
    }

    /** What a process is called in the report: the services' pools and the probe by their application names, the rest by kind. */
    static String who(String applicationName, String backendType) {
        if (applicationName != null && applicationName.startsWith("casetrack")) {
            return applicationName;
        }
        if ("client backend".equals(backendType)) {
            return "the bench's other connections";
        }
        return backendType == null ? "unknown" : backendType;
    }

    private final long epochMillisAtStart = System.currentTimeMillis();
    private final long nanosAtStart = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Exception failure;
    private Thread thread;

    /** A sampler that takes no samples ({@code CASETRACK_BENCH_PROBES=off}): {@link #stop()} answers with none. */
    static WaitSampler none() {
        return new WaitSampler();
    }

    static WaitSampler start(Cluster cluster) {
        WaitSampler sampler = new WaitSampler();
        sampler.thread = new Thread(() -> sampler.sample(cluster), "wait-event-sampler");
        sampler.thread.setDaemon(true);
        sampler.thread.start();
        return sampler;
    }

    private double wallMs(long nanos) {
        return epochMillisAtStart + (nanos - nanosAtStart) / 1e6;
    }

    private void sample(Cluster cluster) {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SET application_name = 'casetrack-bench-wait-sampler'");
            long period = TimeUnit.MILLISECONDS.toNanos(EVERY_MS);
            long next = System.nanoTime();
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long t0 = System.nanoTime();
                List<Process> seen = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT application_name, backend_type, state, wait_event_type, wait_event, pid, "
                        + "CASE WHEN state LIKE 'idle in transaction%' THEN upper(substring(query FROM '^\\s*(\\w+)')) END "
                        + "FROM pg_stat_activity WHERE pid <> pg_backend_pid()")) {
                    while (rs.next()) {
                        String what = label(rs.getString(3), rs.getString(4), rs.getString(5));
                        if (what.startsWith(IDLE_IN_TRANSACTION)) {
                            what = withRunState(afterStatement(what, rs.getString(7)),
                                    kernelState(Path.of("/proc", Integer.toString(rs.getInt(6)), "stat")));
                        }
                        seen.add(new Process(who(rs.getString(1), rs.getString(2)), what));
                    }
                }
                long t1 = System.nanoTime();
                synchronized (this) {
                    samples.add(new Sample(wallMs((t0 + t1) / 2), (t1 - t0) / 1e6, List.copyOf(seen)));
                }
                next = Math.max(next + period, t1);
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** How many samples have been taken at or after this time on the wall clock (while sampling goes on). */
    synchronized long samplesSince(double wallMs) {
        return samples.stream().filter(s -> s.wallMs() >= wallMs).count();
    }

    /** Stops sampling and returns the samples. */
    Sampled stop() throws Exception {
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (failure != null) {
            throw new IllegalStateException("the wait-event sampler failed: " + failure, failure);
        }
        synchronized (this) {
            return new Sampled(List.copyOf(samples));
        }
    }

    @Override
    public void close() {
        running = false;
    }

    /** The samples of one phase, and what they say. */
    record Sampled(List<Sample> samples) {

        /**
         * For each process and each thing it was doing, the mean number of such processes in a sample
         * (PostgreSQL's "average active sessions"): 0.30 for {@code IO:WalSync} of the command side
         * means that at a random instant 0.3 of its backends were flushing the WAL. Idle is left out.
         */
        Map<String, Map<String, Double>> busy() {
            return busy(samples);
        }

        /** The same over the samples taken while the commit probe's commit was slow (inside one of these windows). */
        Map<String, Map<String, Double>> busyDuring(List<TailPauses.Pause> slowCommits) {
            return busy(inside(slowCommits));
        }

        /**
         * What the commit probe's own backend was doing in the samples taken during its slow commits, as
         * a count of samples per label (a commit of 10 ms is sampled once or twice).
         */
        Map<String, Long> probeDuring(List<TailPauses.Pause> slowCommits) {
            Map<String, Long> out = new TreeMap<>();
            for (Sample s : inside(slowCommits)) {
                for (Process p : s.processes()) {
                    if (COMMIT_PROBE.equals(p.who())) {
                        out.merge(p.what(), 1L, Long::sum);
                    }
                }
            }
            return out;
        }

        /** The slow commits that at least one sample fell in. */
        long slowCommitsSampled(List<TailPauses.Pause> slowCommits) {
            return slowCommits.stream().filter(w -> samples.stream().anyMatch(s -> s.within(w))).count();
        }

        private List<Sample> inside(List<TailPauses.Pause> windows) {
            return samples.stream().filter(s -> windows.stream().anyMatch(s::within)).toList();
        }

        private static Map<String, Map<String, Double>> busy(List<Sample> samples) {
            Map<String, Map<String, Double>> out = new TreeMap<>();
            if (samples.isEmpty()) {
                return out;
            }
            for (Sample s : samples) {
                for (Process p : s.processes()) {
                    if (!IDLE.equals(p.what())) {
                        out.computeIfAbsent(p.who(), k -> new TreeMap<>()).merge(p.what(), 1.0 / samples.size(), Double::sum);
                    }
                }
            }
            return out;
        }

        double queryPercentileMs(double p) {
            return TailPauses.percentile(samples.stream().mapToDouble(Sample::queryMs).toArray(), p);
        }

        /** The samples taken inside a window (none when there is no window). */
        List<Sample> within(Optional<TailPauses.Pause> window) {
            return window.map(w -> inside(List.of(w))).orElse(List.of());
        }

        /**
         * A table of {@link #busy()}: the phase, the probe's slow commits and the phase's largest stall
         * of slow requests, side by side (a stall is where the tail is made, so what PostgreSQL did
         * then says whether it held the requests up).
         */
        void report(Report report, String phase, List<TailPauses.Pause> slowCommits, Optional<TailPauses.Pause> stall) {
            Map<String, Map<String, Double>> all = busy();
            Map<String, Map<String, Double>> slow = busyDuring(slowCommits);
            List<Sample> inStall = within(stall);
            Map<String, Map<String, Double>> stalled = busy(inStall);
            List<String[]> rows = new ArrayList<>();
            java.util.Set<List<String>> seen = new java.util.HashSet<>();
            for (Map<String, Map<String, Double>> m : List.of(all, slow, stalled)) {
                m.forEach((who, whats) -> whats.forEach((what, mean) -> {
                    if (seen.add(List.of(who, what))) {
                        rows.add(new String[]{who, what});
                    }
                }));
            }
            rows.sort(Comparator.<String[], Double>comparing(r -> -all.getOrDefault(r[0], Map.of()).getOrDefault(r[1], 0.0)));
            String stallText = stall.map(w -> String.format(Locale.ROOT, " The largest stall of slow requests (%s ms) held %d samples.",
                    Report.num(w.endMs() - w.startMs()), inStall.size())).orElse("");
            report.line(String.format(Locale.ROOT, "%s: %d samples (the statement took p50 %s ms, max %s ms); %d of the probe's %d slow commits were sampled. "
                            + "Its backend in those samples: %s.%s", phase, samples.size(), Report.num(queryPercentileMs(50)),
                    Report.num(queryPercentileMs(100)), slowCommitsSampled(slowCommits), slowCommits.size(), text(probeDuring(slowCommits)), stallText));
            report.line("");
            report.table("process", "doing", "mean processes, whole phase", "mean processes, during the probe's slow commits",
                    "mean processes, during the largest stall");
            for (String[] r : rows) {
                double a = all.getOrDefault(r[0], Map.of()).getOrDefault(r[1], 0.0);
                double b = slow.getOrDefault(r[0], Map.of()).getOrDefault(r[1], 0.0);
                double c = stalled.getOrDefault(r[0], Map.of()).getOrDefault(r[1], 0.0);
                if (a >= 0.005 || b >= 0.005 || c >= 0.005) {
                    report.row(r[0], r[1], String.format(Locale.ROOT, "%.3f", a), slow.isEmpty() ? "–" : String.format(Locale.ROOT, "%.3f", b),
                            inStall.isEmpty() ? "–" : String.format(Locale.ROOT, "%.3f", c));
                }
            }
            report.line("");
        }

        Map<String, Object> json(List<TailPauses.Pause> slowCommits, Optional<TailPauses.Pause> stall) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("everyMs", EVERY_MS);
            m.put("samples", samples.size());
            m.put("queryP50Ms", queryPercentileMs(50));
            m.put("queryMaxMs", queryPercentileMs(100));
            m.put("meanProcesses", busy());
            m.put("meanProcessesDuringSlowCommits", busyDuring(slowCommits));
            m.put("slowCommits", slowCommits.size());
            m.put("slowCommitsSampled", slowCommitsSampled(slowCommits));
            m.put("probeBackendDuringSlowCommits", probeDuring(slowCommits));
            stall.ifPresent(w -> {
                List<Sample> inStall = within(stall);
                m.put("largestStall", Map.of("startMs", w.startMs(), "endMs", w.endMs(), "samples", inStall.size()));
                m.put("meanProcessesDuringLargestStall", busy(inStall));
            });
            return m;
        }

        private static String text(Map<String, Long> counts) {
            if (counts.isEmpty()) {
                return "none";
            }
            List<String> parts = new ArrayList<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> parts.add(e.getKey() + " ×" + e.getValue()));
            return String.join(", ", parts);
        }
    }
}
