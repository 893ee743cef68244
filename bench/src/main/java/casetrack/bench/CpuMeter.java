package casetrack.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who used the two cores during a phase: the whole machine (from /proc/stat), the load tool (this
 * JVM; its embedded PostgreSQL runs as separate processes and is not counted here) and each service
 * JVM, with the share of each service's JIT compiler threads in it. Percentages are of one core:
 * 200% is both cores busy.
 */
public final class CpuMeter {

    public record Usage(double machineBusyPercent, double benchPercent, double commandPercent, double queryPercent,
                        double commandJitPercent, double queryJitPercent) {
        public String text() {
            return String.format(java.util.Locale.ROOT, "machine %.0f%%, load tool %.0f%%, command JVM %.0f%%%s, query JVM %.0f%%%s",
                    machineBusyPercent, benchPercent, commandPercent, jit(commandPercent, commandJitPercent),
                    queryPercent, jit(queryPercent, queryJitPercent));
        }

        /** " (JIT n%)" where a JVM was busy and its compilers took at least half a per cent of a core. */
        private static String jit(double jvm, double compilers) {
            return jvm >= 1 && compilers >= 0.5 ? String.format(java.util.Locale.ROOT, " (JIT %.0f%%)", compilers) : "";
        }

        /** The same, with a load tool outside this JVM (wrk) added to the load tool's share. */
        public Usage withLoadTool(double externalPercent) {
            return new Usage(machineBusyPercent, benchPercent + externalPercent, commandPercent, queryPercent,
                    commandJitPercent, queryJitPercent);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("machineBusyPercentOfOneCore", machineBusyPercent);
            m.put("loadToolPercentOfOneCore", benchPercent);
            m.put("commandJvmPercentOfOneCore", commandPercent);
            m.put("queryJvmPercentOfOneCore", queryPercent);
            m.put("commandJitPercentOfOneCore", commandJitPercent);
            m.put("queryJitPercentOfOneCore", queryJitPercent);
            return m;
        }
    }

    private final Cluster cluster;
    private long wall;
    private long[] proc;
    private long bench;
    private long command;
    private long query;
    private long commandJit;
    private long queryJit;

    public CpuMeter(Cluster cluster) {
        this.cluster = cluster;
    }

    public CpuMeter start() {
        wall = System.nanoTime();
        proc = procStat();
        bench = benchCpu();
        command = cpu(cluster.command);
        query = cpu(cluster.query);
        commandJit = compilerCpu(cluster.command);
        queryJit = compilerCpu(cluster.query);
        return this;
    }

    public Usage stop() {
        double seconds = (System.nanoTime() - wall) / 1e9;
        long[] now = procStat();
        double machine = Double.NaN;
        if (proc != null && now != null) {
            long total = now[0] - proc[0];
            long idle = now[1] - proc[1];
            int cores = Runtime.getRuntime().availableProcessors();
            machine = total == 0 ? 0 : 100.0 * cores * (total - idle) / total;
        }
        return new Usage(machine, 100.0 * (benchCpu() - bench) / 1e9 / seconds,
                100.0 * (cpu(cluster.command) - command) / 1e9 / seconds,
                100.0 * (cpu(cluster.query) - query) / 1e9 / seconds,
                100.0 * (compilerCpu(cluster.command) - commandJit) / 1e9 / seconds,
                100.0 * (compilerCpu(cluster.query) - queryJit) / 1e9 / seconds);
    }

    /**
     * CPU time (ns) the JIT compiler threads of a service have used so far, from
     * /proc/PID/task/TID/stat of the threads named "C1 CompilerThre…"/"C2 CompilerThre…"; 0 where /proc is missing.
     */
    static long compilerCpu(Process p) {
        if (p == null) {
            return 0;
        }
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (!comm.startsWith("C1 Compiler") && !comm.startsWith("C2 Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                } catch (Exception threadGone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    static long benchCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static long cpu(Process p) {
        if (p == null) {
            return 0;
        }
        return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** {total jiffies, idle+iowait jiffies} of the "cpu" line. */
    static long[] procStat() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[]{total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (Exception e) {
            return null;
        }
    }

    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
