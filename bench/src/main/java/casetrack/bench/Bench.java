package casetrack.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./casetrack bench [--quick|--full] [--faults] [--jfr]}: starts PostgreSQL and both
 * services, measures the limit and the system side by side in one run, and writes
 * {@code bench/target/bench-report.md} and {@code .json}.
 */
public final class Bench {

    /** How long each phase runs. */
    record Mode(String name, Duration raw, Duration commands, Duration fixedRate, Duration reads, int aggregateEvents,
                int aggregateSteps, int aggregateStepsWithoutSnapshots, long replayEvents, int coldLoads) {
        static final Mode QUICK = new Mode("quick", Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(6),
                Duration.ofSeconds(3), 1_000, 30, 10, 50_000, 1);
        static final Mode DEFAULT = new Mode("default", Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(20),
                Duration.ofSeconds(8), 10_000, 100, 20, 1_000_000, 3);
        /** Longer phases for steadier figures. */
        static final Mode FULL = new Mode("full", Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(15), 10_000, 300, 30, 1_000_000, 5);

        /** Steps on the long case with the aggregate cache off before the measured ones (the JIT's turn). */
        int uncachedWarmSteps() {
            return this == QUICK ? 5 : 20;
        }

        /** Measured steps on the long case with the aggregate cache off: each loads it from its snapshot. */
        int uncachedSteps() {
            return this == QUICK ? 10 : 3 * aggregateStepsWithoutSnapshots;
        }
    }

    /** The goals of issue 6 a run measures, each defined once: the phases below name them ahead, the measuring code fills them in. */
    static Target.Goal commandThroughput(int clients) {
        return new Target.Goal("command throughput, " + clients + " clients / raw append at " + clients, 25, true, "%",
                "raw append+commit TPS, same clients (stretch 40%)");
    }

    static final Target.Goal P99_AT_50 = new Target.Goal("p99 command latency at 50% of best throughput", 10, false, " ms",
            "fixed rate at 50% of the best closed-loop throughput");
    static final Target.Goal LAG_P99_AT_50 = new Target.Goal("projection lag p99 at 50% load", 100, false, " ms",
            "command 200 → readable on the query side");
    static final Target.Goal P99_AT_80 = new Target.Goal("p99 command latency at 80% of best throughput", 25, false, " ms",
            "fixed rate at 80% of the best closed-loop throughput");
    static final Target.Goal P999_AT_80 = new Target.Goal("p99.9 command latency at 80% of best throughput", 50, false, " ms",
            "fixed rate at 80% of the best closed-loop throughput");
    static final Target.Goal ERRORS_AT_80 = new Target.Goal("errors at 80% of best throughput", 0, false, "", "none allowed");
    static final Target.Goal BURST = new Target.Goal("after a burst, lag back under 1 s within 10 s", 10, false, " s",
            "burst at 32 clients; counted as 60 s if the fresh lag is not under 1 s");

    static Target.Goal reads(String endpoint) {
        return new Target.Goal("reads at 32 clients (" + endpoint + ") / raw PK select at 32", 25, true, "%",
                "raw primary-key select TPS, 32 clients");
    }

    static final Target.Goal NOT_MODIFIED = new Target.Goal("every read endpoint answers 304 on a matching ETag", 1, true, "",
            "summary, timeline, dashboard");

    static Target.Goal stepWithSnapshots(Mode mode) {
        return new Target.Goal("one more step on a " + mode.aggregateEvents() + "-event case, with snapshots (p50)", 10, false, " ms",
                "whole command over HTTP, 1 client");
    }

    static Target.Goal loadFromSnapshot(Mode mode) {
        return new Target.Goal("loading a " + mode.aggregateEvents() + "-event case from its snapshot (p50, aggregate cache off, warm JVM)",
                10, false, " ms", "whole command over HTTP, each step loading the case from its latest snapshot");
    }

    static final Target.Goal REPLAY_RATE = new Target.Goal("replay rate / keyset scan of the event table", 10, true, "%",
            "warm keyset scan, same table");
    static final Target.Goal REPLAY_PEAK_HEAP = new Target.Goal("query JVM peak heap during replay", 512, false, " MiB",
            "jvm.memory.used{area=heap}");

    /** The read endpoints the read phase measures, by the name the report gives them. */
    static final Map<String, String> READ_PATHS = readPaths();

    private static Map<String, String> readPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("summary", "/api/cases/%s");
        paths.put("timeline", "/api/cases/%s/timeline");
        paths.put("dashboard", "/api/dashboard");
        return java.util.Collections.unmodifiableMap(paths);
    }

    /** The phases of a default run in their order, with the goals each measures. */
    enum Phase {
        START("starting PostgreSQL and both services"),
        WARM_UP("the warm-up"),
        LIMIT("the limit (raw PostgreSQL)"),
        COMMANDS("commands, closed loop"),
        FIXED_RATE("commands at fixed rates"),
        BURST("the burst"),
        READS("the read path"),
        AGGREGATE("aggregate load"),
        REPLAY("replay");

        final String title;

        Phase(String title) {
            this.title = title;
        }

        List<Target.Goal> goals(Mode mode) {
            return switch (this) {
                case START, WARM_UP, LIMIT -> List.of();
                case COMMANDS -> List.of(commandThroughput(8), commandThroughput(32));
                case FIXED_RATE -> List.of(P99_AT_50, LAG_P99_AT_50, P99_AT_80, P999_AT_80, ERRORS_AT_80);
                case BURST -> List.of(Bench.BURST);
                case READS -> java.util.stream.Stream.concat(READ_PATHS.keySet().stream().map(Bench::reads),
                        java.util.stream.Stream.of(NOT_MODIFIED)).toList();
                case AGGREGATE -> List.of(stepWithSnapshots(mode), loadFromSnapshot(mode));
                case REPLAY -> List.of(REPLAY_RATE, REPLAY_PEAK_HEAP);
            };
        }
    }

    final Cluster cluster;
    final Mode mode;
    /** The pause before each fixed rate after the catch-up ({@link #SETTLE_ENV}). */
    Duration settle = Duration.ZERO;
    /** Whether the fixed rates run the stall probes and the wait sampling ({@link #PROBES_ENV}). */
    boolean withProbes = true;
    final Report report = new Report();
    final PostgresActivity activity;
    final Load load;
    final Load auditor;
    final String commandBase;
    final String queryBase;
    final Map<String, Long> lastVersion = new ConcurrentHashMap<>();
    /** How the warm-up went, for the report. */
    String warmUpText = "none";
    /** How the read paths' warm-up went, for the report. */
    String readWarmUpText = "none";
    /** Seconds the query side needed to take in earlier phases' steps before each phase (-1: it did not within 2 minutes). */
    final Map<String, Double> catchUps = new LinkedHashMap<>();
    /** The slowest 1% of each fixed rate against the JVMs' pauses (see {@link TailPauses}). */
    final Map<String, String> tails = new LinkedHashMap<>();
    /** What the checkpoint after the warm-up did (see {@link #checkpointAfterWarmUp()}). */
    String walAfterWarmUp = "No checkpoint after the warm-up.";
    /** What PostgreSQL's processes were doing at each fixed rate, with the commit probe's slow commits (see {@link WaitSampler}). */
    final Map<String, WaitsSeen> waitEvents = new LinkedHashMap<>();

    /** One rate's wait samples, with the probe's slow commits and the rate's largest stall of slow requests to read them in. */
    record WaitsSeen(WaitSampler.Sampled sampled, List<TailPauses.Pause> slowCommits, java.util.Optional<TailPauses.Pause> largestStall) {
    }
    /** This JVM's collector pauses: the load tool's own, during which its senders stand still. */
    final TailPauses.OwnPauses ownPauses = new TailPauses.OwnPauses().start();
    final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

    Bench(Cluster cluster, Mode mode) {
        this.cluster = cluster;
        this.mode = mode;
        this.load = new Load(cluster.editorToken);
        this.auditor = new Load(cluster.auditorToken);
        this.activity = new PostgresActivity(cluster);
        this.commandBase = "http://127.0.0.1:" + cluster.commandPort;
        this.queryBase = "http://127.0.0.1:" + cluster.queryPort;
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        Mode mode = flags.contains("--quick") ? Mode.QUICK : flags.contains("--full") ? Mode.FULL : Mode.DEFAULT;
        Path root = Path.of(System.getProperty("casetrack.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("bench/target");
        boolean faults = flags.contains("--faults");
        Duration settle;
        boolean probes;
        try {
            settle = settle(System.getenv(SETTLE_ENV));
            probes = probes(System.getenv(PROBES_ENV));
            if (!faults) {
                initialHeapFitsTheReplay(jvmOptions(System.getenv().getOrDefault("CASETRACK_BENCH_JVM", "")));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: not started: " + e.getMessage());
            System.exit(2);
            return;
        }
        long needed = faults || mode == Mode.QUICK ? 2_000_000_000L : 10_000_000_000L;
        Optional<String> refusal = Cluster.freeSpaceRefusal(Cluster.workParent(), needed,
                faults ? "the fault run" : "a " + mode.name() + " run");
        if (refusal.isPresent()) {
            // a full disk fails a run in its last phases (the replay writes the most) with errors that do not say why
            System.err.println(refusal.get());
            System.exit(2);
        }
        try (Cluster cluster = new Cluster(root)) {
            // Ctrl-C or a kill must not leave the services or PostgreSQL running
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    // stopping anyway
                }
            }));
            if (flags.contains("--jfr")) {
                Files.createDirectories(out);
                // one file per process start (the bench restarts both services)
                cluster.commandJvmExtras.add("-XX:StartFlightRecording=filename=" + out.resolve("command-side-{n}.jfr") + ",settings=profile");
                cluster.queryJvmExtras.add("-XX:StartFlightRecording=filename=" + out.resolve("query-side-{n}.jfr") + ",settings=profile");
            }
            // PostgreSQL settings over casetrack's own (PostgresServerSettings), e.g. its defaults to compare:
            // CASETRACK_BENCH_PG=max_wal_size=1GB,checkpoint_timeout=5min,wal_buffers=4MB
            for (String setting : System.getenv().getOrDefault("CASETRACK_BENCH_PG", "").split(",")) {
                int eq = setting.indexOf('=');
                if (eq > 0) {
                    cluster.postgresExtras.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                }
            }
            // JVM options for both services after casetrack's own (a later option wins), for A/B runs
            // of the collector or the heap's generations: CASETRACK_BENCH_JVM="-Xmn96m -Xlog:gc:file=gc-{n}.log"
            List<String> jvmOptions = jvmOptions(System.getenv().getOrDefault("CASETRACK_BENCH_JVM", ""));
            cluster.commandJvmExtras.addAll(jvmOptions);
            cluster.queryJvmExtras.addAll(jvmOptions);
            Bench bench = new Bench(cluster, mode);
            bench.settle = settle;
            bench.withProbes = probes;
            System.out.println("bench: work directory " + cluster.work + " (logs in logs/)");
            if (faults) {
                boolean ok = new Faults(cluster, bench.report).runAll();
                bench.report.write(out);
                Files.move(out.resolve("bench-report.md"), out.resolve("faults-report.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(out.resolve("bench-report.json"), out.resolve("faults-report.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                System.out.println(bench.report.markdown());
                System.out.println("bench: wrote " + out.resolve("faults-report.md"));
                if (!ok) {
                    System.exit(1);
                }
                return;
            }
            Exception failure = null;
            try {
                bench.runAll();
            } catch (Exception e) {
                failure = e;
                e.printStackTrace();
                bench.failed(e);
            }
            bench.report.write(out);
            System.out.println(bench.report.markdown());
            System.out.println("bench: wrote " + out.resolve("bench-report.md") + " and .json");
            if (failure != null) {
                System.err.println("bench: the run failed in the phase \"" + bench.phase.title + "\"; the report holds what it measured before");
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /** {@code off}: the fixed rates run without the commit probe, the wake-up probe and the wait sampling (default on). */
    static final String PROBES_ENV = "CASETRACK_BENCH_PROBES";

    /** Whether the fixed rates run their probes, from {@code CASETRACK_BENCH_PROBES}'s value: on when blank or absent. */
    static boolean probes(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("on")) {
            return true;
        }
        if (value.trim().equalsIgnoreCase("off")) {
            return false;
        }
        throw new IllegalArgumentException(PROBES_ENV + " must be on or off, not \"" + value + "\"");
    }

    /** Seconds to wait before each fixed rate once the query side has caught up (default 0). */
    static final String SETTLE_ENV = "CASETRACK_BENCH_SETTLE";

    /** The pause before each fixed rate from {@code CASETRACK_BENCH_SETTLE}'s value in seconds; zero when blank or absent. */
    static Duration settle(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SETTLE_ENV + " must be a number of seconds, not \"" + value + "\"");
        }
        if (!(seconds >= 0 && seconds <= 600)) {
            throw new IllegalArgumentException(SETTLE_ENV + " must be between 0 and 600 seconds, not " + value);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The JVM options in {@code CASETRACK_BENCH_JVM}'s value: separated by white space, none when blank. */
    static List<String> jvmOptions(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /**
     * Refuses an initial heap ({@code -Xms}, {@code -XX:InitialHeapSize}) in CASETRACK_BENCH_JVM
     * above the replay's {@link #REPLAY_HEAP}: the query side is restarted for the replay with it,
     * and a JVM whose initial heap is above its maximum does not start, so the run would fail in its
     * last phase after a quarter of an hour.
     */
    static void initialHeapFitsTheReplay(List<String> options) {
        long max = heapBytes(REPLAY_HEAP.substring("-Xmx".length()));
        for (String option : options) {
            String size = option.startsWith("-Xms") ? option.substring(4)
                    : option.startsWith("-XX:InitialHeapSize=") ? option.substring("-XX:InitialHeapSize=".length()) : null;
            if (size != null && heapBytes(size) > max) {
                throw new IllegalArgumentException("CASETRACK_BENCH_JVM's " + option + " is above the replay's " + REPLAY_HEAP
                        + " (the query side is restarted with it for the replay, and would not start): use at most -Xms512m");
            }
        }
    }

    /** A JVM memory size ({@code 512m}, {@code 1G}, {@code 536870912}) in bytes. */
    static long heapBytes(String size) {
        String s = size.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = s.endsWith("k") ? 1L << 10 : s.endsWith("m") ? 1L << 20 : s.endsWith("g") ? 1L << 30 : s.endsWith("t") ? 1L << 40 : 1;
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("CASETRACK_BENCH_JVM: \"" + size + "\" is no JVM memory size (such as 512m)");
        }
    }

    /** The services' extra JVM options from {@code CASETRACK_BENCH_JVM}, as the report names them ("" when none). */
    static String extraJvm() {
        List<String> options = jvmOptions(System.getenv().getOrDefault("CASETRACK_BENCH_JVM", ""));
        return options.isEmpty() ? "" : " " + String.join(" ", options);
    }

    static void say(String text) {
        System.out.println("bench: " + text);
    }

    /** The phase under way, and those finished: a run that fails says where, and keeps what it measured before. */
    Phase phase = Phase.START;
    final java.util.EnumSet<Phase> finished = java.util.EnumSet.noneOf(Phase.class);
    private String loadBefore;
    private double shaBefore;
    private long[] steal0;
    private long benchCpu0;
    private long t0;
    private Instant started;

    interface PhaseSteps {
        void run() throws Exception;
    }

    /** Runs one phase; it counts as finished only if its steps all returned. */
    void phase(Phase next, PhaseSteps steps) throws Exception {
        phase = next;
        steps.run();
        finished.add(next);
    }

    /** The run's clock and the machine's state before it, for the "Run" section. */
    void begin() throws Exception {
        loadBefore = CpuMeter.loadAverage();
        shaBefore = MachineSpeed.sha256MiBPerSecond();
        steal0 = MachineSpeed.stealTicks();
        benchCpu0 = CpuMeter.benchCpu();
        t0 = System.nanoTime();
        started = Instant.now();
    }

    void runAll() throws Exception {
        begin();
        report.line("# casetrack benchmark").line("")
                .line("Mode **" + mode.name() + "**, started " + started + ", `./casetrack bench" + (mode == Mode.DEFAULT ? "" : " --" + mode.name()) + "`.")
                .line("Everything on loopback on this machine: PostgreSQL 17 (embedded, `fsync=on`, `synchronous_commit=on`), "
                        + "the command side and the query side (`" + Cluster.SERVICE_HEAP + " " + Cluster.SERVICE_GC + extraJvm() + "` each), and the load tool (this JVM: its own keep-alive HTTP/1.1 client, `LeanHttp`; `wrk` for the reads when installed).");
        phase(Phase.START, () -> {
            say("starting PostgreSQL 17 (embedded, fsync and synchronous_commit on) in " + cluster.work);
            cluster.startPostgres();
            say("starting the command side on :" + cluster.commandPort);
            cluster.startCommandSide();
            say("starting the query side on :" + cluster.queryPort);
            cluster.startQuerySide();
            machine(loadBefore, shaBefore);
            activity.start();
        });
        phase(Phase.WARM_UP, () -> {
            warmUp();
            activity.mark("warm-up");
            checkpointAfterWarmUp();
            activity.mark("checkpoint after the warm-up");
        });
        Map<Integer, RawPostgres.Rate> appends = new LinkedHashMap<>();
        Map<Integer, RawPostgres.Rate> selects = new LinkedHashMap<>();
        RawPostgres raw = new RawPostgres(cluster);
        phase(Phase.LIMIT, () -> limit(raw, appends, selects));
        Map<Integer, Load.Result> commands = new LinkedHashMap<>();
        phase(Phase.COMMANDS, () -> commands.putAll(commands(appends)));
        double best = commands.values().stream().mapToDouble(Load.Result::throughput).max().orElse(0);
        phase(Phase.FIXED_RATE, () -> fixedRate(best, raw));
        phase(Phase.BURST, () -> {
            burst();
            activity.mark("burst and catching up");
        });
        phase(Phase.READS, () -> {
            reads(selects);
            activity.mark("reads");
        });
        phase(Phase.AGGREGATE, () -> {
            aggregateLoad();
            activity.mark("aggregate load");
        });
        phase(Phase.REPLAY, () -> {
            replay(raw);
            activity.mark("replay (filling the store, replaying)");
        });
        activity.report(report);
        runSection();
    }

    /**
     * What a run that failed keeps: everything its finished phases (and the failing one, up to its
     * failure) wrote, then where and why it failed, and every goal it did not reach listed as not
     * measured, so the targets table stays whole. The caller writes the report as a finished run's.
     */
    void failed(Exception failure) {
        List<Phase> notRun = java.util.Arrays.stream(Phase.values()).filter(p -> p.ordinal() > phase.ordinal()).toList();
        if (finished.contains(Phase.WARM_UP)) {
            try {
                activity.report(report);
            } catch (Exception e) {
                report.line("").line("(PostgreSQL's activity by phase could not be read after the failure: " + e + ")");
            }
        }
        StringBuilder causes = new StringBuilder();
        for (Throwable t = failure; t != null && causes.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            causes.append(causes.length() == 0 ? "" : "; caused by ").append(t);
        }
        report.section("The run did not finish")
                .line("It failed in the phase \"" + phase.title + "\", " + Report.num((System.nanoTime() - t0) / 1e9)
                        + " s after it started: `" + causes.toString().replace('`', '\'') + "`.")
                .line("")
                .line("Phases that finished, whose figures above are whole: " + (finished.isEmpty() ? "none"
                        : finished.stream().map(p -> p.title).collect(java.util.stream.Collectors.joining("; "))) + ". "
                        + "The failing phase's figures above, if any, are those it measured before it failed. "
                        + "Not run: " + (notRun.isEmpty() ? "none" : notRun.stream().map(p -> p.title)
                        .collect(java.util.stream.Collectors.joining("; "))) + ". "
                        + "The targets of the failing phase and of those not run that have no figure are listed as NOT_MEASURED below. "
                        + "The services' and PostgreSQL's logs: `" + cluster.work.resolve("logs") + "`.");
        java.util.Set<String> measured = new java.util.HashSet<>();
        report.targets.forEach(t -> measured.add(t.name()));
        for (Phase p : Phase.values()) {
            if (p.ordinal() >= phase.ordinal()) {
                for (Target.Goal goal : p.goals(mode)) {
                    if (!measured.contains(goal.name())) {
                        report.target(goal.notMeasured("not measured: the run failed in " + phase.title));
                    }
                }
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("phase", phase.name());
        json.put("error", causes.toString());
        json.put("finishedPhases", finished.stream().map(Enum::name).toList());
        json.put("notRun", notRun.stream().map(Enum::name).toList());
        report.put("failure", json);
        try {
            runSection();
        } catch (Exception e) {
            report.line("").line("(The run's own figures could not be taken after the failure: " + e + ")");
        }
    }

    /** The run's duration, load, the load tool's CPU and the machine's speed before and after (everything stopped). */
    private void runSection() throws Exception {
        String loadAfter = CpuMeter.loadAverage();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double benchCpu = (CpuMeter.benchCpu() - benchCpu0) / 1e9;
        double steal = MachineSpeed.stealShare(steal0, MachineSpeed.stealTicks());
        cluster.close();
        double shaAfter = MachineSpeed.sha256MiBPerSecond();
        report.section("Run")
                .line(String.format(java.util.Locale.ROOT, "Took %.0f s. Load average (1/5/15 min) before: %s; after: %s. "
                        + "The load tool's own CPU over the whole run: %.0f s (%.0f%% of one core).", seconds, loadBefore, loadAfter,
                        benchCpu, 100 * benchCpu / seconds))
                .line("")
                .line(String.format(java.util.Locale.ROOT, "The machine's speed: SHA-256 on one core %.0f MiB/s before the run and "
                        + "%.0f MiB/s after it (everything stopped; compare runs by it); CPU time the hypervisor reported stolen "
                        + "during the run: %s.", shaBefore, shaAfter, steal < 0 ? "unknown" : Report.num(100 * steal) + "%"))
                .line("")
                .line(walAfterWarmUp)
                .line("")
                .line("The query side's catching up with the steps recorded before each phase (s; -1: not within 2 minutes): "
                        + catchUps.entrySet().stream().map(e -> e.getKey() + " " + Report.num(e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", ")) + ".");
        report.put("catchUpSeconds", catchUps);
        report.put("run", Map.of("seconds", seconds, "loadAverageBefore", loadBefore, "loadAverageAfter", loadAfter,
                "loadToolCpuSeconds", benchCpu, "mode", mode.name(), "startedAt", started.toString(),
                "sha256MiBPerSecondBefore", shaBefore, "sha256MiBPerSecondAfter", shaAfter, "stealShare", steal));
    }

    /**
     * The WAL segments (16 MB each, 1 GB) the measured phases start with ready ahead, at least: more
     * than they write through the fixed rates in a default run (session 24's run J: 577 MB by the end
     * of the 50% rate, 686 MB by the end of the 80% one; with 32 ready, its 50% rate met segments
     * being zero-filled again).
     */
    static final long WAL_SEGMENTS_READY = 64;

    /**
     * A checkpoint once the warm-up has written its WAL, so that the measured phases run on a server
     * in the state a running one is in. A freshly made cluster has no WAL segment to reuse: each time
     * the WAL reaches a new 16 MB segment, the committing backend creates and zero-fills it
     * ({@code IO:WalInitWrite}, {@code IO:WalInitSync}) while it holds the WAL write lock, and every
     * other commit queues behind it (session 23's wait-event samples: 10 times as often during the
     * commit probe's slow commits as over the phase). A server that has run recycles the segments
     * behind each checkpoint as the next ones (PostgreSQL's {@code wal_recycle}, sized by the WAL it
     * wrote between checkpoints), and so does this one from here on.
     */
    void checkpointAfterWarmUp() {
        String ahead = "SELECT count(*) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' AND name > pg_walfile_name(pg_current_wal_lsn())";
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            long before = count(s, ahead);
            long t = System.nanoTime();
            s.execute("CHECKPOINT");
            long after = count(s, ahead);
            long made = 0;
            if (after < WAL_SEGMENTS_READY) {
                // too little WAL written yet to recycle (a quick run's short warm-up): end as many segments as a
                // server that has run would hold, each with one small WAL record, and recycle them with a second checkpoint
                for (; made < WAL_SEGMENTS_READY; made++) {
                    s.execute("SELECT pg_logical_emit_message(false, 'casetrack-bench', 'segment')");
                    s.execute("SELECT pg_switch_wal()");
                }
                s.execute("CHECKPOINT");
                after = count(s, ahead);
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            walAfterWarmUp = String.format(Locale.ROOT, "After the warm-up, a `CHECKPOINT` let PostgreSQL recycle the WAL segments "
                    + "written so far as the next ones, as a server that has run has them%s (%.1f s in all): %d segment files ahead of "
                    + "the insert position before, %d after (each 16 MB; without them a commit that reaches a new segment zero-fills "
                    + "it while holding the WAL write lock).", made == 0 ? ""
                    : ", and since that was fewer than " + WAL_SEGMENTS_READY + ", " + made + " segments were ended with a small "
                    + "record each (`pg_switch_wal`) and recycled by a second checkpoint", seconds, before, after);
            report.put("walSegmentsAheadAfterWarmUp", Map.of("before", before, "after", after, "segmentsEnded", made, "seconds", seconds));
            say(String.format(Locale.ROOT, "checkpoint after the warm-up: %.1f s, WAL segments ready ahead %d -> %d", seconds, before, after));
        } catch (java.sql.SQLException e) {
            walAfterWarmUp = "The checkpoint after the warm-up failed: " + e.getMessage();
            say(walAfterWarmUp);
        }
    }

    private static long count(Statement s, String sql) throws java.sql.SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void machine(String loadBefore, double sha256MiBPerSecond) throws Exception {
        long memKb = 0;
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                memKb = Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        String cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        String pg = cluster.postgresVersion();
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        report.section("Machine")
                .line("- cores: " + Runtime.getRuntime().availableProcessors() + " (" + cpuModel + ")")
                .line("- memory: " + (memKb / 1024) + " MiB")
                .line("- Java: " + java)
                .line("- PostgreSQL: " + pg)
                .line("- load average before the run: " + loadBefore)
                .line(String.format(Locale.ROOT, "- speed before the run: SHA-256 on one core at %.0f MiB/s "
                        + "(`MachineSpeed`; a shared VM's cores can be much slower one hour than the next)", sha256MiBPerSecond));
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "cpu", cpuModel, "memoryMiB", memKb / 1024,
                "java", java, "postgres", pg, "loadAverageBefore", loadBefore, "sha256MiBPerSecond", sha256MiBPerSecond));
    }

    void limit(RawPostgres raw, Map<Integer, RawPostgres.Rate> appends, Map<Integer, RawPostgres.Rate> selects) throws Exception {
        raw.createTable();
        String sizes = raw.samplePayloads();
        report.section("The limit: raw PostgreSQL over JDBC, same server, same run")
                .line("Single-event append and commit per transaction into `bench.raw_event_entry` (the columns and constraints of "
                        + "`events.domain_event_entry`, its own sequence), " + sizes + "; closed loop, one connection per client.")
                .line("")
                .table("measurement", "clients", "per second", "p50 ms", "p99 ms", "p99.9 ms");
        List<Map<String, Object>> json = new ArrayList<>();
        for (int clients : new int[]{1, 8, 32}) {
            say("raw append+commit at " + clients + " clients");
            RawPostgres.Rate r = raw.append(clients, mode.raw());
            activity.mark("raw append at " + clients + (clients == 1 ? " client" : " clients"));
            appends.put(clients, r);
            rawRow(r, json);
        }
        for (int clients : new int[]{8, 32}) {
            say("raw primary-key select at " + clients + " clients");
            RawPostgres.Rate r = raw.primaryKeySelect(clients, mode.raw());
            activity.mark("raw select at " + clients + " clients");
            selects.put(clients, r);
            rawRow(r, json);
        }
        report.put("limit", json);
    }

    private void rawRow(RawPostgres.Rate r, List<Map<String, Object>> json) {
        report.row(r.name(), r.clients(), r.perSecond(), r.latency().percentileMillis(50), r.latency().percentileMillis(99),
                r.latency().percentileMillis(99.9));
        json.add(Map.of("name", r.name(), "clients", r.clients(), "perSecond", r.perSecond(), "p50ms", r.latency().percentileMillis(50),
                "p99ms", r.latency().percentileMillis(99), "p999ms", r.latency().percentileMillis(99.9), "operations", r.operations()));
    }

    Map<Integer, Load.Result> commands(Map<Integer, RawPostgres.Rate> appends) throws Exception {
        Map<Integer, Load.Result> results = new LinkedHashMap<>();
        report.section("Commands over HTTP, closed loop")
                .line("The realistic mix, many fictional cases: each client walks its own cases through " + String.join(", ",
                        CaseScript.STEPS) + ", then opens the next case. Throughput counts 200/201 answers only. "
                        + "Measured after the warm-up: " + warmUpText + ".")
                .line("")
                .table("clients", "commands/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "ratio to raw append", "CPU (of one core)",
                        "GC pauses (stop-the-world)");
        List<Map<String, Object>> json = new ArrayList<>();
        for (int clients : new int[]{1, 8, 32}) {
            say("command mix at " + clients + " clients for " + mode.commands().toSeconds() + " s");
            GcPauses gc = new GcPauses(auditor, commandBase, queryBase).start();
            CpuMeter cpu = new CpuMeter(cluster).start();
            Load.Result r = load.closedLoop("commands", clients, mode.commands(), Long.MAX_VALUE,
                    i -> load.commandWorker(commandBase, "bench-" + run + "-c" + clients + "-" + i, (c, v, t, b) -> lastVersion.put(c, v)));
            CpuMeter.Usage usage = cpu.stop();
            GcPauses.Usage pauses = gc.stop();
            activity.mark("command mix at " + clients + (clients == 1 ? " client" : " clients"));
            results.put(clients, r);
            double ratio = Target.ratio(r.throughput(), appends.get(clients).perSecond());
            report.row(clients, r.throughput(), r.latency().percentileMillis(50), r.latency().percentileMillis(99),
                    r.latency().percentileMillis(99.9), r.errorCount() + (r.errors().isEmpty() ? "" : " " + r.errors()), Report.pct(ratio), usage.text(),
                    pauses.text());
            Map<String, Object> j = new LinkedHashMap<>(resultJson(r));
            j.put("ratioToRawAppend", ratio);
            j.put("cpu", usage.json());
            j.put("gcPauses", pauses.json());
            json.add(j);
            if (clients >= 8) {
                report.target(commandThroughput(clients).measured(
                        Report.pct(ratio) + " (" + Report.num(r.throughput()) + " / " + Report.num(appends.get(clients).perSecond()) + " per s)",
                        100 * ratio));
            }
        }
        report.put("commands", json);
        return results;
    }

    static Map<String, Object> resultJson(Load.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clients", r.clients());
        m.put("seconds", r.seconds());
        m.put("ok", r.ok());
        m.put("perSecond", r.throughput());
        if (!Double.isNaN(r.targetRate())) {
            m.put("targetRate", r.targetRate());
        }
        m.put("p50ms", r.latency().percentileMillis(50));
        m.put("p99ms", r.latency().percentileMillis(99));
        m.put("p999ms", r.latency().percentileMillis(99.9));
        m.put("maxMs", r.latency().maxMillis());
        m.put("errors", r.errors());
        return m;
    }

    /** Open loop at 50% and 80% of the best sustained throughput; projection lag probed under the 50% load. */
    /**
     * Waits until the query side has taken in every step recorded so far: the sum of
     * {@code casetrack_projection_lag_events} over its segments is 0 on two reads a second apart (the
     * gauge is refreshed each second), at most 2 minutes. A closed-loop phase records steps faster
     * than the projections take them in; without this the next phase would start against that
     * backlog and measure the catching up. Returns the seconds waited, or -1 if it did not catch up.
     */
    double awaitProjectionsCaughtUp(String before) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(2);
        int zeros = 0;
        while (System.nanoTime() < deadline) {
            String metrics = auditor.send(auditor.get(queryBase + "/actuator/prometheus").build()).body();
            double lag = 0;
            boolean seen = false;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("casetrack_projection_lag_events{")) {
                    lag += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    seen = true;
                }
            }
            zeros = seen && lag == 0 ? zeros + 1 : 0;
            if (zeros >= 2) {
                double seconds = (System.nanoTime() - start) / 1e9;
                say(String.format(Locale.ROOT, "the query side caught up before %s in %.1f s", before, seconds));
                return seconds;
            }
            Thread.sleep(1000);
        }
        say("the query side did not catch up within 2 minutes before " + before);
        return -1;
    }

    void fixedRate(double best, RawPostgres raw) throws Exception {
        List<Map<String, Object>> json = new ArrayList<>();
        // unmeasured: the open loop and the lag probes' read path (minVersion waits, rendering a new
        // version) run for the first time here. A fixed 20 s of it left the query side's compilers busy
        // into the 50% phase (13% of a core of its 47% by hand), so it runs in slices until they settle.
        catchUps.put("fixed-rate warm-up", awaitProjectionsCaughtUp("the fixed-rate warm-up"));
        say(String.format(java.util.Locale.ROOT, "fixed rate warm-up: %.0f/s with lag probes until the JIT compilers settle (not measured)", best * 0.25));
        Duration slice = mode == Mode.QUICK ? Duration.ofSeconds(3) : Duration.ofSeconds(15);
        // each slice connects first as the measured rates do: 64 GETs of the health endpoint at once. Without
        // them in the warm-up, the first measured rate's GETs were new to the command side's compiled POST
        // path (session 27, JFR: 97 deoptimizations of Tomcat's, Spring Security's and Jackson's methods in
        // its first second, then 0.4-0.9 s of C2 compiling a second for 7 s): the stall at the rate's start
        String connectFirst = commandBase + "/actuator/health";
        int warmEvery = Math.max(1, (int) Math.round(best * 0.25 / 20));
        int[] slot = {0};
        Settled settled = untilCompilersSettle(List.of(cluster.command, cluster.query), Duration.ofMinutes(3), () -> {
            int n = slot[0]++;
            ExecutorService warmProbes = Load.pool(32, "lag-probe-warmup");
            AtomicLong warmN = new AtomicLong();
            load.openLoop("fixed-warmup", Math.max(1, best * 0.25), slice,
                    i -> load.commandWorker(commandBase, "bench-" + run + "-fw" + n + "-" + i, (caseId, version, completedAt, body) -> {
                        lastVersion.put(caseId, version);
                        if (warmN.incrementAndGet() % warmEvery == 0) {
                            warmProbes.submit(() -> probeLag(caseId, version, completedAt, new Stats(), new AtomicLong()));
                        }
                    }), 2000, connectFirst);
            warmProbes.shutdown();
            warmProbes.awaitTermination(30, TimeUnit.SECONDS);
        });
        activity.mark("fixed-rate warm-up");
        String fixedWarmUp = String.format(Locale.ROOT, "Before the measured rates, %.0f s of %.0f/s with lag probes (unmeasured) until "
                        + "the JIT compilers settled: in its last slice they used %.1f%% (command side) and %.1f%% (query side) of a core.",
                settled.seconds(), best * 0.25, settled.compilerPercent()[0], settled.compilerPercent()[1]);
        report.section("Commands at a fixed arrival rate (open loop), and projection lag")
                .line("Requests at fixed intended times; latency from the intended time (no coordinated omission); the 64 senders "
                        + "open their keep-alive connections before the clock starts (a `GET /actuator/health` each, as in every "
                        + "slice of the warm-up below, so that the rate does not start with the JIT's first run of those GETs). "
                        + "Best sustained throughput above: " + Report.num(best) + "/s. Projection lag: for about 20 commands a second, "
                        + "the time from the command's 200 to `GET /api/cases/{id}?minVersion={version}` answering with that version. "
                        + "Each rate starts once the query side has taken in every step recorded before it (the closed-loop phases "
                        + "record faster than the projections take steps in; the wait is in the Run section)"
                        + (!settle.isZero() ? String.format(Locale.ROOT, ", and then %.1f s later (`%s`)", settle.toMillis() / 1000.0, SETTLE_ENV) : "")
                        + ". " + fixedWarmUp)
                .line("")
                .table("load", "rate /s", "answered /s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "CPU (of one core)",
                        "GC pauses (stop-the-world)");
        report.put("fixedRateSettleSeconds", settle.toMillis() / 1000.0);
        report.put("fixedRateWarmUp", Map.of("seconds", settled.seconds(), "rate", best * 0.25,
                "commandJitPercentOfOneCore", settled.compilerPercent()[0], "queryJitPercentOfOneCore", settled.compilerPercent()[1]));
        for (double share : new double[]{0.5, 0.8}) {
            double rate = Math.max(1, best * share);
            double waited = awaitProjectionsCaughtUp("the fixed rate " + (int) (share * 100) + "%");
            catchUps.put("fixed rate " + (int) (share * 100) + "%", waited);
            if (!settle.isZero()) {
                // an A/B of the stall at each rate's start: does the rate start into the catch-up's end?
                say("settling for " + settle.toMillis() + " ms before the rate (" + SETTLE_ENV + ")");
                Thread.sleep(settle.toMillis());
            }
            say(String.format(java.util.Locale.ROOT, "fixed rate %.0f/s (%.0f%% of best) for %d s", rate, share * 100, mode.fixedRate().toSeconds()));
            Stats lag = new Stats();
            AtomicLong lagFailures = new AtomicLong();
            // enough probe threads that a probe never queues behind another (a queued probe would add its wait to the lag)
            ExecutorService probes = Load.pool(32, "lag-probe");
            int every = Math.max(1, (int) Math.round(rate / 20));
            AtomicLong n = new AtomicLong();
            Load.CommandListener listener = share == 0.5 ? (caseId, version, completedAt, body) -> {
                lastVersion.put(caseId, version);
                if (n.incrementAndGet() % every == 0) {
                    probes.submit(() -> probeLag(caseId, version, completedAt, lag, lagFailures));
                }
            } : (caseId, version, completedAt, body) -> lastVersion.put(caseId, version);
            GcPauses gc = new GcPauses(auditor, commandBase, queryBase).start();
            CpuMeter cpu = new CpuMeter(cluster).start();
            Load.Result r;
            StallProbes.Seen seen;
            WaitSampler.Sampled waits;
            try (StallProbes stallProbes = withProbes ? StallProbes.start(cluster, raw) : StallProbes.none();
                 WaitSampler sampler = withProbes ? WaitSampler.start(cluster) : WaitSampler.none()) {
                r = load.openLoop("fixed-" + (int) (share * 100), rate, mode.fixedRate(),
                        i -> load.commandWorker(commandBase, "bench-" + run + "-f" + (int) (share * 100) + "-" + i, listener), 2000,
                        connectFirst);
                waits = sampler.stop();
                seen = stallProbes.stop();
            }
            CpuMeter.Usage usage = cpu.stop();
            GcPauses.Usage pauses = gc.stop();
            TailPauses.Attribution tail = tailPauses(r, seen);
            java.util.Optional<TailPauses.Pause> largestStall = tail.largestStall(r.arrivals().startedMs());
            if (withProbes) {
                waitEvents.put((int) (share * 100) + "% (" + Report.num(rate) + "/s)", new WaitsSeen(waits, seen.slowCommits(), largestStall));
            }
            String maintenance = maintenanceDuring(r.arrivals().startedMs(), r.arrivals().startedMs() + r.seconds() * 1000);
            tails.put((int) (share * 100) + "% (" + Report.num(rate) + "/s)", tail.text() + (withProbes ? " " + seen.text() : "") + " " + maintenance);
            activity.mark("fixed rate " + (int) (share * 100) + "% (and the wait before it)");
            probes.shutdown();
            probes.awaitTermination(30, TimeUnit.SECONDS);
            report.row((int) (share * 100) + "% of best", rate, r.throughput(), r.latency().percentileMillis(50), r.latency().percentileMillis(99),
                    r.latency().percentileMillis(99.9), r.latency().maxMillis(), r.errorCount() + (r.errors().isEmpty() ? "" : " " + r.errors()), usage.text(),
                    pauses.text());
            Map<String, Object> j = new LinkedHashMap<>(resultJson(r));
            j.put("share", share);
            j.put("cpu", usage.json());
            j.put("gcPauses", pauses.json());
            j.put("slowestOnePercent", tail.json());
            if (withProbes) {
                j.put("stallProbes", seen.json());
                j.put("waitEvents", waits.json(seen.slowCommits(), largestStall));
            }
            j.put("postgresMaintenance", maintenance);
            json.add(j);
            if (share == 0.5) {
                report.target(P99_AT_50.measured(Report.num(r.latency().percentileMillis(99)) + " ms",
                        r.latency().percentileMillis(99), "fixed rate " + Report.num(rate) + "/s"));
                report.put("projectionLag", Map.of("samples", lag.count(), "p50ms", lag.percentileMillis(50), "p99ms", lag.percentileMillis(99),
                        "maxMs", lag.maxMillis(), "failures", lagFailures.get()));
                report.line("").line(String.format(java.util.Locale.ROOT,
                        "Projection lag under the 50%% load: %d samples, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d probes never saw their version.",
                        lag.count(), lag.percentileMillis(50), lag.percentileMillis(99), lag.maxMillis(), lagFailures.get())).line("");
                report.target(LAG_P99_AT_50.measured(Report.num(lag.percentileMillis(99)) + " ms (" + lag.count() + " samples)",
                        lag.count() == 0 ? Double.NaN : lag.percentileMillis(99)));
            } else {
                boolean clean = r.errorCount() == 0;
                report.target(P99_AT_80.measured(Report.num(r.latency().percentileMillis(99)) + " ms",
                        r.latency().percentileMillis(99), "fixed rate " + Report.num(rate) + "/s"));
                report.target(P999_AT_80.measured(Report.num(r.latency().percentileMillis(99.9)) + " ms",
                        r.latency().percentileMillis(99.9), "fixed rate " + Report.num(rate) + "/s"));
                report.target(ERRORS_AT_80.measured(r.errorCount() + (clean ? "" : " " + r.errors()), r.errorCount()));
            }
        }
        report.put("fixedRate", json);
        report.put("fixedRateProbes", withProbes);
        String pausesText = "What the slowest 1% of each rate ran into: the stop-the-world pauses of the three JVMs on the machine, ";
        if (withProbes) {
            pausesText += "placed on the wall clock (the services' from their GC logs, the load tool's from its collectors' notifications; "
                    + "a request met a pause when the time from its intended start to its answer overlaps the pause or the "
                    + Report.num(TailPauses.AFTER_MS) + " ms after it, while the backlog it left is worked off), and the stalls two probes saw "
                    + "beside the load: the commit probe appends and commits one raw event every " + StallProbes.COMMIT_EVERY_MS
                    + " ms on its own connection (the limit's statement; " + StallProbes.COMMITS_PER_S + " commits a second on top of the phase's), "
                    + "the wake-up probe is a thread of the load tool sleeping " + StallProbes.SLEEP_MS + " ms at a time; a commit of "
                    + Report.num(StallProbes.SLOW_MS) + " ms or more, or a wake-up that late, is a stall window (with the same "
                    + Report.num(TailPauses.AFTER_MS) + " ms after it). A slow commit with the wake-ups on time points at PostgreSQL or the disk; "
                    + "both at once at the cores.";
        } else {
            pausesText += "placed on the wall clock as in a run with the probes; **this run had the probes off** (`" + PROBES_ENV + "=off`): "
                    + "no commit probe, no wake-up probe, no sampling of `pg_stat_activity`, so the rates carried only the commands "
                    + "and the lag probes.";
        }
        report.line("").line(pausesText).line("");
        tails.forEach((phase, tail) -> report.line("- " + phase + ": " + tail));
        report.line("");
        if (!withProbes) {
            return;
        }
        report.line("What PostgreSQL's processes were doing at each rate: `pg_stat_activity` sampled every " + WaitSampler.EVERY_MS
                + " ms on a connection of its own, each process counted by what it was doing (its wait event; \"" + WaitSampler.ON_CPU
                + "\" is an active process without one: on a core or waiting for one). A figure is the mean number of such processes "
                + "in a sample (0.30 = at a random instant, 0.3 of them), over the whole rate, over the samples that fell inside the "
                + "commit probe's slow commits, and over those inside the rate's largest stall of slow requests (from the first one's "
                + "intended start to the last one's answer; the \"largest\" above); idle processes are left out. `IO:WalSync` flushes the WAL, `LWLock:WALWrite` waits for "
                + "another process's flush, `IO:WalWrite` writes WAL to the kernel, `IO:WalInitWrite` zero-fills a new WAL segment. "
                + "A backend idle inside a transaction is looked up in `/proc` too: runnable, it is on a core or waiting for one "
                + "(its client's next statement has arrived, or it has just answered and not yet gone back to wait); sleeping, it "
                + "waits for its client; \"after BEGIN\" or \"after INSERT\" is the first word of its last statement. "
                + "The commit probe's own backend in those samples says what its slow commits waited for (idle: its commit was "
                + "done in PostgreSQL and the answer was late).").line("");
        waitEvents.forEach((phase, w) -> w.sampled().report(report, phase, w.slowCommits(), w.largestStall()));
    }

    /**
     * The autovacuum and autoanalyze runs PostgreSQL finished during a phase (its statistics keep
     * each table's last), with their times after the phase began: a vacuum's reads and writes share
     * the disk and the cores with the commits, so a stall of the slow requests may line up with one.
     */
    String maintenanceDuring(double fromMs, double toMs) {
        List<String> runs = new ArrayList<>();
        String sql = "SELECT schemaname || '.' || relname, kind, extract(epoch FROM at) * 1000 FROM pg_stat_all_tables, "
                + "LATERAL (VALUES ('autovacuum', last_autovacuum), ('autoanalyze', last_autoanalyze)) v(kind, at) "
                + "WHERE at IS NOT NULL AND at >= to_timestamp(? / 1000.0) AND at <= to_timestamp(? / 1000.0) ORDER BY at";
        try (Connection c = cluster.connect(); var st = c.prepareStatement(sql)) {
            st.setDouble(1, fromMs);
            st.setDouble(2, toMs + 1000);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    runs.add(String.format(Locale.ROOT, "%s of %s at +%.1f s", rs.getString(2), rs.getString(1), (rs.getDouble(3) - fromMs) / 1000));
                }
            }
        } catch (java.sql.SQLException e) {
            return "PostgreSQL's maintenance during it: not read (" + e.getMessage() + ").";
        }
        return runs.isEmpty() ? "PostgreSQL finished no autovacuum or autoanalyze during it (its statistics keep each table's last run)."
                : "PostgreSQL finished during it (the last run of each table): " + String.join(", ", runs) + ".";
    }

    /** The slowest 1% of a fixed-rate phase set beside the pauses of the services and of this JVM, and the probes' stalls, during it. */
    TailPauses.Attribution tailPauses(Load.Result r, StallProbes.Seen seen) throws java.io.IOException {
        double from = r.arrivals().startedMs();
        double to = System.currentTimeMillis();
        List<TailPauses.Pause> pauses = new ArrayList<>();
        pauses.addAll(TailPauses.fromGcLog(TailPauses.COMMAND, cluster.gcLog("command-side"), from, to));
        pauses.addAll(TailPauses.fromGcLog(TailPauses.QUERY, cluster.gcLog("query-side"), from, to));
        pauses.addAll(ownPauses.between(from, to));
        pauses.addAll(seen.slowCommits());
        pauses.addAll(seen.lateWakeUpWindows());
        return TailPauses.attribute(r.arrivals().startsMs(), r.arrivals().latenciesMs(), pauses,
                List.of(TailPauses.COMMAND, TailPauses.QUERY, TailPauses.LOAD_TOOL),
                withProbes ? List.of(TailPauses.SLOW_COMMIT, TailPauses.LATE_WAKE_UP) : List.of(), from, from + r.seconds() * 1000);
    }

    void probeLag(String caseId, long version, long completedAt, Stats lag, AtomicLong failures) {
        long deadline = completedAt + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                LeanHttp.Answer r = load.call(Load.Call.get(queryBase + "/api/cases/" + caseId + "?minVersion=" + version));
                String shown = r.header("X-Casetrack-Version");
                if (r.status() == 200 && shown != null && Long.parseLong(shown) >= version) {
                    lag.add(System.nanoTime() - completedAt);
                    return;
                }
            }
        } catch (Exception e) {
            // counted below
        }
        failures.incrementAndGet();
    }

    /** 32 clients flat out, then how long until every burst command is readable on the query side. */
    void burst() throws Exception {
        Duration length = mode == Mode.QUICK ? Duration.ofSeconds(4) : Duration.ofSeconds(10);
        catchUps.put("burst", awaitProjectionsCaughtUp("the burst"));
        say("burst: 32 clients for " + length.toSeconds() + " s, then time to catch up");
        Map<String, Long> burstLast = new ConcurrentHashMap<>();
        Load.Result r = load.closedLoop("burst", 32, length, Long.MAX_VALUE,
                i -> load.commandWorker(commandBase, "bench-" + run + "-b-" + i, (c, v, t, b) -> {
                    burstLast.put(c, v);
                    lastVersion.put(c, v);
                }));
        long end = System.nanoTime();
        long caughtUp = -1;
        long deadline = end + TimeUnit.SECONDS.toNanos(60);
        List<Map.Entry<String, Long>> pending = new ArrayList<>(burstLast.entrySet());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            var e = pending.get(pending.size() - 1);
            HttpResponse<String> resp = load.send(load.get(queryBase + "/api/cases/" + e.getKey() + "?minVersion=" + e.getValue()).build());
            if (resp.statusCode() == 200 && Long.parseLong(resp.headers().firstValue("X-Casetrack-Version").orElse("-1")) >= e.getValue()) {
                pending.remove(pending.size() - 1);
            }
        }
        if (pending.isEmpty()) {
            caughtUp = System.nanoTime() - end;
        }
        // one fresh command after catching up: its lag
        Stats fresh = new Stats();
        AtomicLong failures = new AtomicLong();
        Load.Worker w = load.commandWorker(commandBase, "bench-" + run + "-after-burst", (c, v, t, b) -> probeLag(c, v, t, fresh, failures));
        for (int i = 0; i < 5; i++) {
            LeanHttp.Answer resp = load.call(w.request());
            w.done(resp.status(), resp.body(), System.nanoTime());
        }
        double catchUp = caughtUp < 0 ? Double.NaN : caughtUp / 1e9;
        report.section("After a burst")
                .line(String.format(java.util.Locale.ROOT, "32 clients for %d s recorded %d commands (%.0f/s, %d errors) on %d cases. "
                                + "The query side had every one of them readable %s after the burst ended; "
                                + "then the lag of a fresh command was p50 %.1f ms (max %.1f ms, %d samples).",
                        length.toSeconds(), r.ok(), r.throughput(), r.errorCount(), burstLast.size(),
                        caughtUp < 0 ? "NOT within 60 s" : Report.num(catchUp) + " s", fresh.percentileMillis(50), fresh.maxMillis(), fresh.count()));
        report.put("burst", Map.of("seconds", length.toSeconds(), "commands", r.ok(), "catchUpSeconds", caughtUp < 0 ? -1 : catchUp,
                "freshLagP50ms", fresh.percentileMillis(50), "freshLagMaxMs", fresh.maxMillis()));
        // met only if everything was caught up within 10 s AND a fresh command then showed up within 1 s
        boolean freshUnder1s = fresh.count() > 0 && fresh.maxMillis() < 1000;
        report.target(BURST.measured((caughtUp < 0 ? "> 60" : Report.num(catchUp))
                + " s to catch up; then a fresh command's lag " + Report.num(fresh.maxMillis()) + " ms (max)",
                caughtUp < 0 || !freshUnder1s ? 60 : catchUp));
    }

    /**
     * The command mix at 8 and at 32 clients until both services' JIT compilers have settled: slices
     * of 15 s at each client count (2 s each in --quick, one slice) until the compiler threads of each
     * service used under 5% of a core in a slice, at least 30 s and at most 6 minutes. On 2 cores C2
     * competes with the load for CPU and was still compiling thousands of methods a minute into the
     * run; measuring then measures the compiler. The report says how long it took and where the
     * compilers stood.
     */
    void warmUp() throws Exception {
        say("warming up (JIT, pools): command mix at 8 and at 32 clients until the JIT compilers settle");
        Duration half = mode == Mode.QUICK ? Duration.ofSeconds(2) : Duration.ofSeconds(15);
        int[] slot = {0};
        // each slice runs both client counts the closed loop measures: warmed at 8 alone, the first 32-client
        // phase met request threads, pooled connections and waits for a connection the JIT had never seen
        // (57 deoptimizations and 28 compilations in its 15 s, the command JVM's CPU per command doubled)
        Settled settled = untilCompilersSettle(List.of(cluster.command, cluster.query), Duration.ofMinutes(6), () -> {
            int n = slot[0]++;
            for (int clients : new int[]{8, 32}) {
                load.closedLoop("warmup", clients, half, Long.MAX_VALUE,
                        i -> load.commandWorker(commandBase, "bench-" + run + "-warm-" + n + "-" + clients + "-" + i, null));
            }
        });
        warmUpText = String.format(Locale.ROOT, "%.0f s of the command mix, alternately %d s at 8 and at 32 clients; in its last "
                        + "slice the JIT compiler threads used %.1f%% (command side) and %.1f%% (query side) of a core",
                settled.seconds(), half.toSeconds(), settled.compilerPercent()[0], settled.compilerPercent()[1]);
    }

    /** One slice of load in a warm-up. */
    interface Slice {
        void run() throws Exception;
    }

    /** How long a warm-up ran, and each service's compiler threads in its last slice (% of a core). */
    record Settled(double seconds, double[] compilerPercent) {
    }

    /**
     * Runs {@code slice} until the JIT compiler threads of each of these services used under 5% of a
     * core during one (at least 30 s and at most {@code max}; one slice in --quick). On 2 cores C2
     * competes with the load for CPU and was still compiling thousands of methods a minute into a
     * run; measuring then measures the compiler.
     */
    Settled untilCompilersSettle(List<Process> services, Duration max, Slice slice) throws Exception {
        long minNanos = mode == Mode.QUICK ? 0 : Duration.ofSeconds(30).toNanos();
        // on 2 cores both services' compilers were still at 15-20% of a core after 3 minutes of load and settled after 4-5
        long maxNanos = mode == Mode.QUICK ? 0 : max.toNanos();
        long start = System.nanoTime();
        double[] percent = new double[services.size()];
        while (true) {
            long[] before = services.stream().mapToLong(CpuMeter::compilerCpu).toArray();
            long t0 = System.nanoTime();
            slice.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < percent.length; i++) {
                percent[i] = 100.0 * (CpuMeter.compilerCpu(services.get(i)) - before[i]) / 1e9 / seconds;
            }
            long elapsed = System.nanoTime() - start;
            say(String.format(Locale.ROOT, "warm-up %.0f s: JIT compilers at %s%% of a core", elapsed / 1e9,
                    Arrays.stream(percent).mapToObj(p -> String.format(Locale.ROOT, "%.1f", p)).collect(Collectors.joining("% / "))));
            if (elapsed >= maxNanos || (elapsed >= minNanos && Arrays.stream(percent).allMatch(p -> p < 5))) {
                return new Settled(elapsed / 1e9, percent);
            }
        }
    }

    Load.Result javaReads(List<String> cases, String pathFormat, int clients) throws InterruptedException {
        return load.closedLoop("read", clients, mode.reads(), Long.MAX_VALUE, i -> new Load.Worker() {
            public Load.Call request() {
                String id = cases.get(ThreadLocalRandom.current().nextInt(cases.size()));
                return Load.Call.get(queryBase + String.format(pathFormat, id));
            }

            public boolean done(int status, String body, long at) {
                return status == 200;
            }
        });
    }

    /** The query side's read paths, all three in turn at 8 clients, so the JIT has compiled them before they are measured. */
    void warmUpReads(List<String> cases, Map<String, String> paths) throws Exception {
        Duration each = mode == Mode.QUICK ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        Settled settled = untilCompilersSettle(List.of(cluster.query), Duration.ofMinutes(6), () -> {
            for (String path : paths.values()) {
                javaReadsFor(cases, path, each);
            }
        });
        readWarmUpText = String.format(Locale.ROOT, "%.0f s of the three reads in turn at 8 clients; in its last slice the query side's JIT "
                + "compiler threads used %.1f%% of a core", settled.seconds(), settled.compilerPercent()[0]);
    }

    private void javaReadsFor(List<String> cases, String path, Duration each) throws InterruptedException {
        load.closedLoop("read-warmup", 8, each, Long.MAX_VALUE, i -> new Load.Worker() {
            public Load.Call request() {
                String id = cases.get(ThreadLocalRandom.current().nextInt(cases.size()));
                return Load.Call.get(queryBase + String.format(path, id));
            }

            public boolean done(int status, String body, long at) {
                return status == 200;
            }
        });
    }

    void reads(Map<Integer, RawPostgres.Rate> selects) throws Exception {
        List<String> cases = new ArrayList<>(lastVersion.keySet());
        Wrk wrk = Wrk.ifInstalled(cluster.work, cases);
        String tool = wrk != null ? "`" + Wrk.version() + "` (2 threads, the load tool issue 6 names; its own CPU is in the load tool's column)"
                : "the bench's own Java client (`LeanHttp`, a keep-alive connection per client; `wrk` is not installed: `apt-get install wrk` for the lighter load tool)";
        // warmed before the section's text is written: it says how long the warm-up took
        Map<String, String> paths = READ_PATHS;
        catchUps.put("reads", awaitProjectionsCaughtUp("the reads"));
        say("reads: warming up the read paths (summary, timeline, dashboard in turn at 8 clients) until the query side's JIT settles");
        warmUpReads(cases, paths);
        report.section("The read path, closed loop")
                .line("Random cases among the " + cases.size() + " recorded in this run; no `If-None-Match` (every answer is a full 200). "
                        + "Compared with raw primary-key selects at the same client count. Load tool: " + tool + ". "
                        + "Measured after " + readWarmUpText + ".")
                .line("")
                .table("endpoint", "clients", "reads/s", "p50 ms", "p99 ms", "errors", "ratio to raw PK select", "CPU (of one core)");
        List<Map<String, Object>> json = new ArrayList<>();
        for (var p : paths.entrySet()) {
            for (int clients : new int[]{8, 32}) {
                say("reads: " + p.getKey() + " at " + clients + " clients" + (wrk != null ? " (wrk)" : ""));
                CpuMeter cpu = new CpuMeter(cluster).start();
                double perSecond;
                double p50;
                double p99;
                String errors;
                Map<String, Object> j = new LinkedHashMap<>();
                CpuMeter.Usage usage;
                if (wrk != null) {
                    Wrk.Result w = wrk.run(queryBase, p.getValue(), clients, mode.reads());
                    usage = cpu.stop().withLoadTool(w.cpuPercentOfOneCore());
                    perSecond = w.perSecond();
                    p50 = w.p50Millis();
                    p99 = w.p99Millis();
                    errors = w.errorCount() + (w.errors().isEmpty() ? "" : " " + w.errors());
                    j.put("clients", clients);
                    j.put("perSecond", perSecond);
                    j.put("p50ms", p50);
                    j.put("p99ms", p99);
                    j.put("requests", w.requests());
                    j.put("errors", w.errors());
                    j.put("loadTool", "wrk");
                } else {
                    Load.Result r = javaReads(cases, p.getValue(), clients);
                    usage = cpu.stop();
                    perSecond = r.throughput();
                    p50 = r.latency().percentileMillis(50);
                    p99 = r.latency().percentileMillis(99);
                    errors = r.errorCount() + (r.errors().isEmpty() ? "" : " " + r.errors());
                    j.putAll(resultJson(r));
                    j.put("loadTool", "java");
                }
                double ratio = Target.ratio(perSecond, selects.get(clients).perSecond());
                report.row(p.getKey(), clients, perSecond, p50, p99, errors, Report.pct(ratio), usage.text());
                j.put("endpoint", p.getKey());
                j.put("ratioToRawPkSelect", ratio);
                j.put("cpu", usage.json());
                json.add(j);
                if (clients == 32) {
                    report.target(reads(p.getKey()).measured(
                            Report.pct(ratio) + " (" + Report.num(perSecond) + " / " + Report.num(selects.get(clients).perSecond()) + " per s)",
                            100 * ratio));
                }
            }
        }
        if (wrk != null) {
            // the same reads with the bench's own Java client (LeanHttp), for comparison with runs made without wrk
            for (var p : paths.entrySet()) {
                say("reads: " + p.getKey() + " at 32 clients (the bench's Java client, for comparison)");
                CpuMeter cpu = new CpuMeter(cluster).start();
                Load.Result r = javaReads(cases, p.getValue(), 32);
                CpuMeter.Usage usage = cpu.stop();
                double ratio = Target.ratio(r.throughput(), selects.get(32).perSecond());
                report.row(p.getKey() + " (Java client)", 32, r.throughput(), r.latency().percentileMillis(50), r.latency().percentileMillis(99),
                        r.errorCount() + (r.errors().isEmpty() ? "" : " " + r.errors()), Report.pct(ratio), usage.text());
                Map<String, Object> j = new LinkedHashMap<>(resultJson(r));
                j.put("endpoint", p.getKey());
                j.put("loadTool", "java");
                j.put("ratioToRawPkSelect", ratio);
                j.put("cpu", usage.json());
                json.add(j);
            }
        }
        report.put("reads", json);
        // a cache in front needs validators: every read endpoint answers 304 on a matching ETag
        String id = cases.get(0);
        List<String> conditional = new ArrayList<>();
        boolean all304 = true;
        for (var p : paths.entrySet()) {
            String url = queryBase + String.format(p.getValue(), id);
            HttpResponse<String> first = load.send(load.get(url).build());
            String etag = first.headers().firstValue("ETag").orElse(null);
            String lastModified = first.headers().firstValue("Last-Modified").orElse(null);
            int second = etag == null ? -1 : load.send(load.get(url).header("If-None-Match", etag).build()).statusCode();
            all304 &= second == 304;
            conditional.add(p.getKey() + ": ETag " + (etag == null ? "missing" : etag) + ", Last-Modified " + (lastModified == null ? "missing" : "present")
                    + ", If-None-Match → " + second);
        }
        report.line("").line("Conditional requests: " + String.join("; ", conditional) + ".");
        report.put("conditionalRequests", conditional);
        report.target(NOT_MODIFIED.measured(all304 ? "yes" : "no: " + conditional, all304 ? 1 : 0));
    }

    /** One case with many events: the latency of one more step with snapshots, then with snapshots off. */
    void aggregateLoad() throws Exception {
        String caseId = "bench-" + run + "-long";
        say("aggregate load: recording " + mode.aggregateEvents() + " events on one case");
        HttpResponse<String> open = load.send(load.post(commandBase + "/api/cases", CaseScript.openCase(caseId)).build());
        if (open.statusCode() != 201) {
            throw new IllegalStateException("could not open " + caseId + ": " + open.statusCode() + " " + open.body());
        }
        Load.IntWorker statements = new Load.IntWorker(load, commandBase + "/api/cases/" + caseId + "/commands/RecordPublicStatement");
        Load.Result filled = load.closedLoop("fill", 1, Duration.ofMinutes(10), mode.aggregateEvents() - 1, i -> statements);
        if (filled.errorCount() > 0) {
            throw new IllegalStateException("filling " + caseId + " failed: " + filled.errors());
        }
        say("aggregate load: " + mode.aggregateSteps() + " more steps with snapshots (threshold 100)");
        Load.Result with = load.closedLoop("with-snapshots", 1, Duration.ofMinutes(2), mode.aggregateSteps(), i -> statements);
        // the small-case reference: the same command on a case of 1 event
        String small = "bench-" + run + "-short";
        load.send(load.post(commandBase + "/api/cases", CaseScript.openCase(small)).build());
        Load.IntWorker smallStatements = new Load.IntWorker(load, commandBase + "/api/cases/" + small + "/commands/RecordPublicStatement");
        Load.Result reference = load.closedLoop("small-case", 1, Duration.ofMinutes(2), Math.min(mode.aggregateSteps(), 99), i -> smallStatements);

        // a cold load: the command side restarted (no aggregate cached in memory), its JIT warmed on the small case, then one
        // step on the long case, which must load it from its latest snapshot and the events after it
        Stats cold = new Stats();
        for (int i = 0; i < mode.coldLoads(); i++) {
            say("aggregate load: cold load " + (i + 1) + "/" + mode.coldLoads() + " (command side restarted, warmed on another case)");
            Cluster.stop(cluster.command);
            cluster.startCommandSide();
            load.closedLoop("warm-after-restart", 1, Duration.ofMinutes(1), 200, n -> smallStatements);
            long t = System.nanoTime();
            LeanHttp.Answer step = load.call(statements.request());
            if (step.status() == 200) {
                cold.add(System.nanoTime() - t);
            }
        }
        // loading from the snapshot with a warm JVM: the aggregate cache off, so every step on the long case loads it from its
        // latest snapshot and the events after it; the first steps warm the JIT on that path and are not counted
        say("aggregate load: loads from the snapshot with a warm JVM (command side restarted with --casetrack.case-cache.max-cases=0)");
        Cluster.stop(cluster.command);
        cluster.startCommandSide("--casetrack.case-cache.max-cases=0");
        // the small case (past its first snapshots) takes the steps until the command side's compilers settle, as in the
        // main warm-up; the long case then only its few warm steps, so it stays the size it is named by
        Duration slice = mode == Mode.QUICK ? Duration.ofSeconds(4) : Duration.ofSeconds(15);
        Settled settled = untilCompilersSettle(List.of(cluster.command), Duration.ofMinutes(6),
                () -> load.closedLoop("warm-uncached", 1, slice, Long.MAX_VALUE, n -> smallStatements));
        load.closedLoop("warm-uncached-long", 1, Duration.ofMinutes(2), mode.uncachedWarmSteps(), n -> statements);
        Load.Result uncached = load.closedLoop("uncached", 1, Duration.ofMinutes(2), mode.uncachedSteps(), n -> statements);

        say("aggregate load: restarting the command side with snapshots off (--casetrack.snapshot-threshold=1000000)");
        Cluster.stop(cluster.command);
        long snapshots;
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM events.snapshot_event_entry WHERE aggregate_identifier = '" + caseId + "'");
            rs.next();
            snapshots = rs.getLong(1);
            // snapshots are a cache of the events (the events stay): without them the case loads from its events alone
            s.execute("DELETE FROM events.snapshot_event_entry WHERE aggregate_identifier = '" + caseId + "'");
        }
        cluster.startCommandSide("--casetrack.snapshot-threshold=1000000");
        load.send(load.post(commandBase + "/api/cases/" + caseId + "/commands/RecordPublicStatement", CaseScript.publicStatement(0)).build());
        Load.Result without = load.closedLoop("without-snapshots", 1, Duration.ofMinutes(3), mode.aggregateStepsWithoutSnapshots(), i -> statements);
        say("aggregate load: restarting the command side with its defaults");
        Cluster.stop(cluster.command);
        cluster.startCommandSide();

        report.section("Aggregate load: one case with " + mode.aggregateEvents() + " events")
                .line("`RecordPublicStatement` steps on one case, one client; the latency of each further step is the whole command "
                        + "(HTTP, loading the case, the rules, the hash-chain read, the append and commit). " + snapshots
                        + " snapshots had been taken of the case (threshold 100). The loads from the snapshot ran on a command side "
                        + "restarted with the aggregate cache off and warmed on a small case until its JIT compilers settled ("
                        + String.format(Locale.ROOT, "%.0f s; %.1f%% of a core in the last slice", settled.seconds(), settled.compilerPercent()[0])
                        + "), then " + mode.uncachedWarmSteps() + " unmeasured steps on the long case.")
                .line("")
                .table("case", "steps measured", "p50 ms", "p99 ms", "errors")
                .row(mode.aggregateEvents() + " events, snapshots on", with.ok(), with.latency().percentileMillis(50), with.latency().percentileMillis(99), with.errorCount())
                .row(mode.aggregateEvents() + " events, snapshots off (deleted, threshold 1000000)", without.ok(), without.latency().percentileMillis(50),
                        without.latency().percentileMillis(99), without.errorCount())
                .row(mode.aggregateEvents() + " events, loaded from its snapshot on every step (aggregate cache off, warm JVM)", uncached.ok(),
                        uncached.latency().percentileMillis(50), uncached.latency().percentileMillis(99), uncached.errorCount())
                .row(mode.aggregateEvents() + " events, snapshots on, cold (first step after a restart: also the JIT's first run of the load path)",
                        cold.count(), cold.percentileMillis(50), cold.percentileMillis(99), mode.coldLoads() - cold.count())
                .row("reference: a case of under 100 events", reference.ok(), reference.latency().percentileMillis(50),
                        reference.latency().percentileMillis(99), reference.errorCount());
        report.put("aggregateLoad", Map.of("events", mode.aggregateEvents(), "withSnapshots", resultJson(with),
                "coldLoadP50ms", cold.percentileMillis(50), "coldLoads", cold.count(), "loadFromSnapshot", resultJson(uncached),
                "withoutSnapshots", resultJson(without), "smallCase", resultJson(reference), "snapshotsTaken", snapshots));
        report.target(stepWithSnapshots(mode).measured(
                Report.num(with.latency().percentileMillis(50)) + " ms (without: " + Report.num(without.latency().percentileMillis(50)) + " ms)",
                with.latency().percentileMillis(50)));
        report.target(loadFromSnapshot(mode).measured(
                Report.num(uncached.latency().percentileMillis(50)) + " ms over " + uncached.ok() + " steps; the first step after a restart: "
                        + Report.num(cold.percentileMillis(50)) + " ms", uncached.latency().percentileMillis(50)));
    }

    void replay(RawPostgres raw) throws Exception {
        long copied = 0;
        if (mode.replayEvents() > 0) {
            // the query side is stopped while the store grows, so the copies are only ever folded by the replay measured below
            say("growing the event store to " + mode.replayEvents() + " events: copies of the cases this run recorded (query side stopped)");
            Cluster.stop(cluster.query);
            long t = System.nanoTime();
            copied = new StoreFiller(cluster).fillTo(mode.replayEvents(), "bench-" + run + "-copy-");
            say(String.format(java.util.Locale.ROOT, "  %d events copied in %.1f s", copied, (System.nanoTime() - t) / 1e9));
        }
        // the replay runs in the heap the target allows: a larger one lets G1 grow its young generation
        // with the allocation rate, and "heap used" then counts garbage not yet collected
        Cluster.stop(cluster.query);
        cluster.startQuerySide(List.of(REPLAY_HEAP));
        say("keyset scan of the event table (the replay's limit)");
        RawPostgres.Rate scan = raw.keysetScan("events.domain_event_entry");
        RawPostgres.Rate rawScan = raw.keysetScan("bench.raw_event_entry");
        say("replay: rebuilding every projection from " + scan.operations() + " events");
        HttpResponse<String> started = auditor.send(auditor.post(queryBase + "/api/admin/replay", "{}").build());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("replay did not start: " + started.statusCode() + " " + started.body());
        }
        long peakHeap = 0;
        String progress = started.body();
        long t0 = System.nanoTime();
        double[] gcBefore = gcPauses();
        long rebuiltAt = -1;
        int unansweredPolls = 0;
        long deadline = t0 + (mode == Mode.QUICK ? TimeUnit.MINUTES.toNanos(3) : TimeUnit.MINUTES.toNanos(30));
        while (System.nanoTime() < deadline) {
            peakHeap = Math.max(peakHeap, heapUsed());
            try {
                progress = auditor.send(auditor.get(queryBase + "/api/admin/replay").build()).body();
            } catch (java.net.http.HttpTimeoutException e) {
                // the busy query side answered neither the poll nor Load.send's second asking within 30 s each;
                // counted in the report, asked again
                unansweredPolls++;
                continue;
            }
            long now = System.nanoTime();
            if (progress.contains("\"state\":\"DONE\"") || progress.contains("\"state\":\"FAILED\"")) {
                break;
            }
            // every segment past the last event: the tables are rebuilt, whatever the service's state says (see below)
            double done = number(progress, "eventsDone");
            if (rebuiltAt < 0 && done > 0 && done >= number(progress, "eventsTotal")) {
                rebuiltAt = now;
                // then the service checksums the rebuilt tables (half a minute at 1,000,000 events) and says DONE
                deadline = Math.min(deadline, now + TimeUnit.MINUTES.toNanos(3));
            }
            Thread.sleep(100);
        }
        peakHeap = Math.max(peakHeap, heapUsed());
        double[] gcAfter = gcPauses();
        double gcPauseSeconds = gcAfter[1] - gcBefore[1];
        long gcPauseCount = (long) (gcAfter[0] - gcBefore[0]);
        double liveHeapMiB = metric("jvm.gc.live.data.size", "VALUE") / 1048576.0;
        boolean serviceDone = progress.contains("\"state\":\"DONE\"");
        double events = number(progress, "eventsDone");
        double rate = serviceDone ? number(progress, "eventsPerSecond") : rebuiltAt < 0 ? Double.NaN : events / ((rebuiltAt - t0) / 1e9);
        boolean equal = progress.contains("\"checksumsEqual\":true");
        if (!serviceDone) {
            report.put("replayStateNote", "every segment reached the last event but the service still said " + number(progress, "eventsDone")
                    + " done and state " + (progress.contains("RUNNING") ? "RUNNING" : "?") + " 10 s later");
        }
        double ratio = Target.ratio(rate, scan.perSecond());
        report.section("Replay: every projection rebuilt from " + (long) events + " events")
                .line(String.format(java.util.Locale.ROOT, "`POST /api/admin/replay` on the query side; rate as the query side reports it "
                                + "(events behind the slowest segment / time until every segment had taken in the last event and the "
                                + (long) number(progress, "indexesSetAside") + " secondary indexes the replay had set aside were built "
                                + "again, which took " + Report.num(number(progress, "indexSeconds")) + " s of it; the "
                                + "checksums of the rebuilt tables took " + Report.num(number(progress, "checksumSeconds")) + " s after that). "
                                + "The query side ran the replay in `" + REPLAY_HEAP + "` (restarted for it); during the replay "
                                + gcPauseCount + " GC pauses took " + Report.num(gcPauseSeconds) + " s in all, and the heap after the last "
                                + "collection of the old generation held " + Report.num(liveHeapMiB) + " MiB. "
                                + (unansweredPolls > 0 ? unansweredPolls + " progress polls went unanswered twice for 30 s (`Load.send` "
                                + "asks a GET once more) and were asked again (the rate's end is then known only to the next answered "
                                + "poll). " : "")
                                + "%s, checksums of the tables before and after %s. "
                                + "Peak heap used of the query JVM (`jvm.memory.used`, area heap, sampled every 100 ms): %.0f MiB.",
                        serviceDone ? "The service said DONE" : rebuiltAt >= 0
                                ? "Every segment reached the last event (rate from the bench's clock: poll every 100 ms), but the service still said "
                                + "RUNNING 3 minutes later (its checksums of the rebuilt tables not done)" : "NOT rebuilt in time",
                        !serviceDone ? "not computed (the service computes them at DONE)"
                                : copied > 0 ? (equal ? "equal" : "not comparable (the query side had not yet taken in all the copies when the "
                                + "replay began; `./casetrack bench --faults` compares live tables with a clean rebuild)")
                                : equal ? "equal" : "NOT equal", peakHeap / 1048576.0))
                .line("")
                .table("measurement", "rows or events", "per second")
                .row("keyset scan of events.domain_event_entry (warm, second pass)", scan.operations(), scan.perSecond())
                .row("keyset scan of bench.raw_event_entry (warm, second pass)", rawScan.operations(), rawScan.perSecond())
                .row("replay into the projection tables", (long) events, rate);
        if (copied > 0) {
            report.line("").line("Before the replay the store was grown to " + mode.replayEvents() + " events by copying " + copied
                    + " events of whole cases this run recorded over HTTP, each copy under a new case id with its payloads' case id "
                    + "rewritten and its hash chain recomputed (`bench/.../StoreFiller.java`); the query side was stopped meanwhile.");
        }
        report.put("replayGc", Map.of("heap", REPLAY_HEAP, "pauses", gcPauseCount, "pauseSeconds", gcPauseSeconds, "liveHeapMiB", liveHeapMiB));
        report.put("replay", Map.of("events", events, "eventsPerSecond", rate, "peakHeapMiB", peakHeap / 1048576.0, "checksumsEqual", equal,
                "keysetScanRowsPerSecond", scan.perSecond(), "keysetScanRows", scan.operations(),
                "rawKeysetScanRowsPerSecond", rawScan.perSecond(), "ratioToKeysetScan", ratio, "progress", progress));
        report.target(REPLAY_RATE.measured(Report.pct(ratio) + " (" + Report.num(rate) + " / "
                + Report.num(scan.perSecond()) + " per s, " + (long) events + " events)", 100 * ratio));
        report.target(REPLAY_PEAK_HEAP.measured(Report.num(peakHeap / 1048576.0) + " MiB", peakHeap / 1048576.0));
    }

    static final String REPLAY_HEAP = "-Xmx512m";

    /** {count, total seconds} of the query JVM's GC pauses so far. */
    double[] gcPauses() {
        return new double[]{metric("jvm.gc.pause", "COUNT"), metric("jvm.gc.pause", "TOTAL_TIME")};
    }

    /** One statistic of a query-side actuator metric (0 when it is not there). */
    double metric(String name, String statistic) {
        try {
            String body = auditor.send(auditor.get(queryBase + "/actuator/metrics/" + name).build()).body();
            Matcher m = Pattern.compile("\"statistic\"\\s*:\\s*\"" + statistic + "\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+-]+)").matcher(body);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    long heapUsed() {
        try {
            String body = auditor.send(auditor.get(queryBase + "/actuator/metrics/jvm.memory.used?tag=area:heap").build()).body();
            Matcher m = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+]+)").matcher(body);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*([0-9.E+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
