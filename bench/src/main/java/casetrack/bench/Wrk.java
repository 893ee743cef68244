package casetrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closed-loop read load with {@code wrk} (Debian's package), the load tool issue 6 names: a C
 * program on epoll that spends a fraction of the CPU per request that Java's {@code HttpClient}
 * does, which matters when the load tool shares the two cores with what it measures. Used when
 * {@code wrk} is on the PATH; the bench falls back to its own Java client otherwise and says so.
 * Each request asks for a random case among those given (a Lua script reads their ids from a file).
 */
final class Wrk {

    /** What one run measured; CPU is wrk's own (user + system), read from this JVM's reaped-children times. */
    record Result(double perSecond, double p50Millis, double p99Millis, long requests, Map<String, Long> errors,
                  double cpuPercentOfOneCore) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path script;
    private final Path ids;

    private Wrk(Path script, Path ids) {
        this.script = script;
        this.ids = ids;
    }

    /** wrk if it is installed, else null. */
    static Wrk ifInstalled(Path work, List<String> caseIds) throws IOException {
        if (!installed()) {
            return null;
        }
        Path ids = work.resolve("wrk-case-ids.txt");
        Files.write(ids, caseIds);
        Path script = work.resolve("wrk-random-case.lua");
        Files.writeString(script, """
                -- GET a random recorded case: CASE_PATH with %s replaced by its id
                local ids = {}
                local path = os.getenv("CASE_PATH")
                for line in io.lines(os.getenv("CASE_IDS")) do ids[#ids + 1] = line end
                math.randomseed(os.time())
                request = function()
                  return wrk.format("GET", string.format(path, ids[math.random(#ids)]))
                end
                """);
        return new Wrk(script, ids);
    }

    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.lines().findFirst().orElse("wrk");
        } catch (Exception e) {
            return "wrk";
        }
    }

    /** {@code clients} connections on 2 threads for {@code duration}, each request a random case at {@code pathFormat}. */
    Result run(String base, String pathFormat, int clients, Duration duration) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(2, clients), "-c" + clients,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--latency", "-s", script.toString(), base));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CASE_PATH", pathFormat);
        pb.environment().put("CASE_IDS", ids.toString());
        long cpuBefore = reapedChildrenCpuNanos();
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = 100.0 * (reapedChildrenCpuNanos() - cpuBefore) / 1e9 / seconds;
        if (exit != 0) {
            throw new IllegalStateException("wrk failed (" + exit + "): " + out);
        }
        return parse(out, cpu);
    }

    static Result parse(String out, double cpuPercent) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output: " + out);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher m = PERCENTILE.matcher(out);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            if (m.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        Matcher total = TOTAL.matcher(out);
        long requests = total.find() ? Long.parseLong(total.group(1)) : -1;
        Map<String, Long> errors = new TreeMap<>();
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors.put("non-2xx/3xx", Long.parseLong(non2xx.group(1)));
        }
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            String[] kinds = {"connect", "read", "write", "timeout"};
            for (int i = 0; i < kinds.length; i++) {
                long n = Long.parseLong(socket.group(i + 1));
                if (n > 0) {
                    errors.put("socket " + kinds[i], n);
                }
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), p50, p99, requests, errors, cpuPercent);
    }

    /** User + system CPU of this JVM's children that have ended and were waited for (fields cutime, cstime of /proc/self/stat). */
    static long reapedChildrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L;
        } catch (Exception e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wrk (%s)", script);
    }
}
