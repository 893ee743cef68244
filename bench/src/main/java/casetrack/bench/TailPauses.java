package casetrack.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the slowest requests of a fixed-rate phase ran into. Every JVM on the machine stops now and
 * then to collect garbage: the command side (its requests wait), the query side (its collector
 * threads take both cores) and the load tool itself (its senders stop while their requests' intended
 * times pass). Each pause is placed on the wall clock: the services' from their GC logs (the cluster
 * starts them with {@code -Xlog:gc:file=…:timemillis}; a line is written as its pause ends), the load
 * tool's from its own collectors' notifications. A slow request ran into a pause when the time from
 * its intended start to its answer overlaps the pause or the {@link #AFTER_MS} after it (the backlog a
 * pause leaves is still being worked off). The report says how often that happened against how much
 * of the phase those windows cover (what chance alone would give), and the p99 of the requests that
 * touched no window: the latency the phase would have had without these pauses, as far as removing
 * the requests that met one can say.
 */
final class TailPauses {

    /** A pause window's extension after the pause ends. */
    static final double AFTER_MS = 50;

    static final String COMMAND = "command JVM";
    static final String QUERY = "query JVM";
    static final String LOAD_TOOL = "load tool's JVM";

    /** One stop-the-world pause, in milliseconds since the epoch. */
    record Pause(String jvm, double startMs, double endMs) {
        double millis() {
            return endMs - startMs;
        }
    }

    /** A ParallelGC or G1 line of {@code -Xlog:gc} with the {@code timemillis} decoration. */
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\].*?\\bGC\\(\\d+\\) Pause (?:Young|Full|Remark|Cleanup)\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");

    /** The pauses of a GC log that ended between {@code fromMs} and {@code toMs}; none if there is no log. */
    static List<Pause> fromGcLog(String jvm, Path log, double fromMs, double toMs) throws IOException {
        if (log == null || !Files.exists(log)) {
            return List.of();
        }
        return fromGcLines(jvm, Files.readAllLines(log), fromMs, toMs);
    }

    static List<Pause> fromGcLines(String jvm, List<String> lines, double fromMs, double toMs) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                double end = Double.parseDouble(m.group(1));
                double start = end - Double.parseDouble(m.group(2));
                if (end >= fromMs && start <= toMs) {
                    pauses.add(new Pause(jvm, start, end));
                }
            }
        }
        return pauses;
    }

    /** This JVM's own collector pauses, as its garbage collector beans announce them. */
    static final class OwnPauses implements AutoCloseable {
        private final List<Pause> pauses = new ArrayList<>();
        private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        private final NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            // a concurrent collector's cycle runs beside the application: not a pause
            if (info.getGcName().contains("Concurrent")) {
                return;
            }
            synchronized (this) {
                pauses.add(new Pause(LOAD_TOOL, jvmStart + info.getGcInfo().getStartTime(), jvmStart + info.getGcInfo().getEndTime()));
            }
        };

        OwnPauses start() {
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (bean instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                }
            }
            return this;
        }

        synchronized List<Pause> between(double fromMs, double toMs) {
            return pauses.stream().filter(p -> p.endMs() >= fromMs && p.startMs() <= toMs).toList();
        }

        @Override
        public void close() {
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (bean instanceof NotificationEmitter emitter) {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // never added
                    }
                }
            }
        }
    }

    /**
     * Slow requests whose times from intended start to answer overlap one another: one stall of the
     * system, whatever stopped it. {@code offsetMs}: its first request's intended start after the
     * phase began; {@code spanMs}: to its last answer; {@code metPause}: whether any of them met a
     * pause window.
     */
    record Episode(double offsetMs, double spanMs, int requests, boolean metPause) {
        String text() {
            return String.format(Locale.ROOT, "+%.2f s, %d over %s ms%s", offsetMs / 1000, requests, Report.num(spanMs),
                    metPause ? " (met a pause)" : "");
        }
    }

    /**
     * The attribution of one phase. {@code slow}: the requests at or over {@code thresholdMs} (the
     * phase's p99); {@code hits}: how many of them met a window of each JVM's pauses, and
     * {@code hitAny} of anyone's; {@code coveredShare}: the share of the phase the windows cover;
     * {@code clear}/{@code clearP99Ms}: the requests that met no window and their p99.
     */
    record Attribution(int requests, double thresholdMs, int slow, Map<String, Integer> hits, int hitAny,
                       double coveredShare, int clear, double clearP99Ms, Map<String, Integer> pauseCounts,
                       Map<String, Double> longestMs, List<Episode> episodes) {

        String text() {
            if (requests == 0) {
                return "no requests";
            }
            List<String> parts = new ArrayList<>();
            hits.forEach((jvm, n) -> {
                int count = pauseCounts.get(jvm);
                String pauses = count == 0 ? "no pause"
                        : count + (count == 1 ? " pause" : " pauses") + ", longest " + Report.num(longestMs.get(jvm)) + " ms";
                parts.add(String.format(Locale.ROOT, "the %s's %.0f%% (%s)", jvm, 100.0 * n / slow, pauses));
            });
            return String.format(Locale.ROOT, "%d requests at or over the p99 of %s ms. Met a pause of %s; of anyone's %.0f%%, "
                            + "where the windows (each pause and the %.0f ms after it) cover %.1f%% of the phase, what chance alone would give. "
                            + "The %d requests that met no window: p99 %s ms.",
                    slow, Report.num(thresholdMs), String.join(", ", parts), 100.0 * hitAny / slow, AFTER_MS, 100 * coveredShare,
                    clear, Report.num(clearP99Ms)) + episodesText();
        }

        /** How the slow requests group into stalls, the largest first. */
        String episodesText() {
            if (episodes.isEmpty()) {
                return "";
            }
            List<Episode> largest = episodes.stream().sorted(Comparator.comparingInt(Episode::requests).reversed()).limit(5).toList();
            return String.format(Locale.ROOT, " The slow requests fell in %d stall%s (overlapping requests); the largest: %s.",
                    episodes.size(), episodes.size() == 1 ? "" : "s", String.join("; ", largest.stream().map(Episode::text).toList()));
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("thresholdMs", thresholdMs);
            m.put("slow", slow);
            m.put("slowThatMetAPauseByJvm", hits);
            m.put("slowThatMetAnyPause", hitAny);
            m.put("windowAfterPauseMs", AFTER_MS);
            m.put("shareOfPhaseCoveredByWindows", coveredShare);
            m.put("requestsClearOfEveryWindow", clear);
            m.put("p99OfThoseMs", clearP99Ms);
            m.put("pausesByJvm", pauseCounts);
            m.put("longestPauseMsByJvm", longestMs);
            m.put("stalls", episodes.stream().map(e -> Map.of("offsetMs", e.offsetMs(), "spanMs", e.spanMs(),
                    "requests", e.requests(), "metPause", e.metPause())).toList());
            return m;
        }
    }

    /**
     * Attributes the requests of a phase ({@code startMs[i]}: intended start since the epoch,
     * {@code latencyMs[i]}: to the answer) that took at least the phase's p99 to the pauses, the
     * phase running from {@code phaseFromMs} to {@code phaseToMs}. {@code jvms} names the JVMs in the
     * order the text lists them (a JVM without a pause is listed with none).
     */
    static Attribution attribute(double[] startMs, double[] latencyMs, List<Pause> pauses, List<String> jvms,
                                 double phaseFromMs, double phaseToMs) {
        int n = startMs.length;
        if (n == 0) {
            return new Attribution(0, Double.NaN, 0, Map.of(), 0, 0, 0, Double.NaN, Map.of(), Map.of(), List.of());
        }
        double threshold = percentile(latencyMs, 99);
        Map<String, Integer> hits = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> longest = new LinkedHashMap<>();
        for (String jvm : jvms) {
            hits.put(jvm, 0);
            counts.put(jvm, (int) pauses.stream().filter(p -> p.jvm().equals(jvm)).count());
            longest.put(jvm, pauses.stream().filter(p -> p.jvm().equals(jvm)).mapToDouble(Pause::millis).max().orElse(0));
        }
        int slow = 0;
        int hitAny = 0;
        List<Double> clearLatencies = new ArrayList<>();
        List<double[]> slowOnes = new ArrayList<>(); // start, end, met a window (1/0)
        for (int i = 0; i < n; i++) {
            double from = startMs[i];
            double to = startMs[i] + latencyMs[i];
            boolean any = false;
            boolean isSlow = latencyMs[i] >= threshold;
            for (String jvm : jvms) {
                boolean met = false;
                for (Pause p : pauses) {
                    if (p.jvm().equals(jvm) && from < p.endMs() + AFTER_MS && to > p.startMs()) {
                        met = true;
                        break;
                    }
                }
                if (met && isSlow) {
                    hits.merge(jvm, 1, Integer::sum);
                }
                any |= met;
            }
            if (isSlow) {
                slow++;
                if (any) {
                    hitAny++;
                }
                slowOnes.add(new double[]{from, to, any ? 1 : 0});
            }
            if (!any) {
                clearLatencies.add(latencyMs[i]);
            }
        }
        double clearP99 = percentile(clearLatencies.stream().mapToDouble(Double::doubleValue).toArray(), 99);
        return new Attribution(n, threshold, slow, hits, hitAny, covered(pauses, phaseFromMs, phaseToMs),
                clearLatencies.size(), clearP99, counts, longest, episodes(slowOnes, phaseFromMs));
    }

    /** Groups the slow requests ({start, end, met}) into runs of overlapping ones, in time order. */
    static List<Episode> episodes(List<double[]> slowOnes, double phaseFromMs) {
        List<double[]> sorted = slowOnes.stream().sorted(Comparator.comparingDouble(r -> r[0])).toList();
        List<Episode> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            double start = sorted.get(i)[0];
            double end = sorted.get(i)[1];
            boolean met = false;
            int count = 0;
            while (i < sorted.size() && sorted.get(i)[0] <= end) {
                end = Math.max(end, sorted.get(i)[1]);
                met |= sorted.get(i)[2] > 0;
                count++;
                i++;
            }
            out.add(new Episode(start - phaseFromMs, end - start, count, met));
        }
        return out;
    }

    /** The share of the phase that the union of the pause windows covers. */
    static double covered(List<Pause> pauses, double fromMs, double toMs) {
        if (toMs <= fromMs) {
            return 0;
        }
        List<double[]> windows = pauses.stream()
                .map(p -> new double[]{Math.max(fromMs, p.startMs()), Math.min(toMs, p.endMs() + AFTER_MS)})
                .filter(w -> w[1] > w[0])
                .sorted(Comparator.comparingDouble(w -> w[0]))
                .toList();
        double total = 0;
        double end = Double.NEGATIVE_INFINITY;
        for (double[] w : windows) {
            if (w[1] <= end) {
                continue;
            }
            total += w[1] - Math.max(w[0], end);
            end = w[1];
        }
        return total / (toMs - fromMs);
    }

    /** Nearest rank, as {@link Stats#percentile}: the smallest value with at least p% at or below it. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    private TailPauses() {
    }
}
