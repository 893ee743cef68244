package casetrack.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The services' stop-the-world collector pauses during a phase: {@code jvm_gc_pause_seconds} count
 * and sum from each service's {@code /actuator/prometheus} at its start and end, split into major
 * (old generation, a full collection with the parallel collector) and minor (young) pauses. One
 * full collection of a few hundred milliseconds in a 20 s fixed-rate phase holds back every request
 * that arrives during it, which is what the phase's p99 then measures.
 */
final class GcPauses {

    /**
     * Pause counts and seconds, and {@code liveMiB}: the old generation after the last full collection
     * ({@code jvm_gc_live_data_size_bytes}, NaN when the scrape has none), which after a phase with a
     * major pause says how much the collector had to mark — the length of that pause.
     */
    record Totals(long majorCount, double majorSeconds, long minorCount, double minorSeconds, double liveMiB) {
        Totals(long majorCount, double majorSeconds, long minorCount, double minorSeconds) {
            this(majorCount, majorSeconds, minorCount, minorSeconds, Double.NaN);
        }

        /** The pauses between {@code before} and this reading; the live size is this reading's. */
        Totals minus(Totals before) {
            return new Totals(majorCount - before.majorCount, majorSeconds - before.majorSeconds,
                    minorCount - before.minorCount, minorSeconds - before.minorSeconds, liveMiB);
        }

        boolean restarted() {
            return majorCount < 0 || minorCount < 0;
        }

        String text() {
            if (restarted()) {
                return "restarted";
            }
            String live = majorCount > 0 && !Double.isNaN(liveMiB)
                    ? String.format(Locale.ROOT, " (%.0f MiB live after it)", liveMiB) : "";
            return String.format(Locale.ROOT, "%d major %.0f ms%s, %d minor %.0f ms",
                    // a difference of two float sums can come out a hair below zero: no "-0 ms"
                    majorCount, Math.max(0, majorSeconds) * 1000, live, minorCount, Math.max(0, minorSeconds) * 1000);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("majorPauses", majorCount);
            m.put("majorPauseMs", majorSeconds * 1000);
            m.put("minorPauses", minorCount);
            m.put("minorPauseMs", minorSeconds * 1000);
            if (!Double.isNaN(liveMiB)) {
                m.put("liveMiBAfterLastMajor", liveMiB);
            }
            return m;
        }
    }

    record Usage(Totals command, Totals query) {
        String text() {
            return "command: " + command.text() + "; query: " + query.text();
        }

        Map<String, Object> json() {
            return Map.of("command", command.json(), "query", query.json());
        }
    }

    private final Load auditor;
    private final String commandBase;
    private final String queryBase;
    private Totals command;
    private Totals query;

    GcPauses(Load auditor, String commandBase, String queryBase) {
        this.auditor = auditor;
        this.commandBase = commandBase;
        this.queryBase = queryBase;
    }

    GcPauses start() throws Exception {
        command = read(commandBase);
        query = read(queryBase);
        return this;
    }

    Usage stop() throws Exception {
        return new Usage(read(commandBase).minus(command), read(queryBase).minus(query));
    }

    private Totals read(String base) throws Exception {
        return parse(auditor.send(auditor.get(base + "/actuator/prometheus").build()).body());
    }

    /** Sums Micrometer's {@code jvm_gc_pause_seconds} series by whether their action names a major or a minor collection. */
    static Totals parse(String prometheus) {
        long majorCount = 0;
        long minorCount = 0;
        double majorSeconds = 0;
        double minorSeconds = 0;
        double liveMiB = Double.NaN;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                liveMiB = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / 1048576.0;
                continue;
            }
            boolean count = line.startsWith("jvm_gc_pause_seconds_count{");
            boolean sum = line.startsWith("jvm_gc_pause_seconds_sum{");
            if (!count && !sum) {
                continue;
            }
            boolean major = line.contains("action=\"end of major GC\"");
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (count && major) {
                majorCount += (long) value;
            } else if (count) {
                minorCount += (long) value;
            } else if (major) {
                majorSeconds += value;
            } else {
                minorSeconds += value;
            }
        }
        return new Totals(majorCount, majorSeconds, minorCount, minorSeconds, liveMiB);
    }
}
