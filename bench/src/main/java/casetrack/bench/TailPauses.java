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
    /** The windows of {@link StallProbes}' slow commits and late wake-ups, set beside the pauses. */
    static final String SLOW_COMMIT = "commit probe";
    static final String LATE_WAKE_UP = "wake-up probe";
    /** The window of a phase's largest stall of slow requests (see {@link Attribution#largestStall}). */
    static final String LARGEST_STALL = "largest stall";

    /** What one window of a source is called: a JVM's pause, a probe's slow commit or late wake-up. */
    static String noun(String source, int count) {
        String one = switch (source) {
            case SLOW_COMMIT -> "slow commit";
            case LATE_WAKE_UP -> "late wake-up";
            default -> "pause";
        };
        return count == 1 ? one : one + "s";
    }

    /**
     * One stop-the-world pause of a JVM, in milliseconds since the epoch; or, with a probe's name for
     * {@code jvm}, one window in which a probe saw the machine stall.
     */
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
     * phase began; {@code spanMs}: to its last answer; {@code met}: the sources (JVMs, probes) whose
     * windows any of them met, in the order the attribution lists its sources.
     */
    record Episode(double offsetMs, double spanMs, int requests, List<String> met) {
        boolean metPause() {
            return met.stream().anyMatch(TailPauses::isJvm);
        }

        String text() {
            String what = met.isEmpty() ? "" : " (met " + String.join(", ", met.stream()
                    .map(source -> isJvm(source) ? "the " + source + "'s pause" : "a " + noun(source, 1)).toList()) + ")";
            return String.format(Locale.ROOT, "+%.2f s, %d over %s ms%s", offsetMs / 1000, requests, Report.num(spanMs), what);
        }
    }

    static boolean isJvm(String source) {
        return !source.equals(SLOW_COMMIT) && !source.equals(LATE_WAKE_UP);
    }

    /**
     * The attribution of one phase. {@code slow}: the requests at or over {@code thresholdMs} (the
     * phase's p99); {@code hits}: how many of them met a window of each JVM's pauses, and
     * {@code hitAny} of anyone's; {@code coveredShare}: the share of the phase the windows cover;
     * {@code clear}/{@code clearP99Ms}: the requests that met no window and their p99.
     */
    record Attribution(int requests, double thresholdMs, int slow, Map<String, Integer> hits, int hitAny,
                       double coveredShare, int clear, double clearP99Ms, Map<String, Integer> pauseCounts,
                       Map<String, Double> longestMs, List<Episode> episodes, Probed probed) {

        /**
         * With probes: {@code hitAnything}, the slow requests that met a pause or a probe's window;
         * {@code coveredShare}, the share of the phase all windows cover; {@code clear}/{@code
         * clearP99Ms}, the requests that met no window of any source and their p99.
         */
        record Probed(List<String> probes, int hitAnything, double coveredShare, int clear, double clearP99Ms) {
        }

        String text() {
            if (requests == 0) {
                return "no requests";
            }
            List<String> parts = new ArrayList<>();
            hits.forEach((jvm, n) -> {
                if (!isJvm(jvm)) {
                    return;
                }
                int count = pauseCounts.get(jvm);
                String pauses = count == 0 ? "no pause"
                        : count + (count == 1 ? " pause" : " pauses") + ", longest " + Report.num(longestMs.get(jvm)) + " ms";
                parts.add(String.format(Locale.ROOT, "the %s's %.0f%% (%s)", jvm, 100.0 * n / slow, pauses));
            });
            return String.format(Locale.ROOT, "%d requests at or over the p99 of %s ms. Met a pause of %s; of anyone's %.0f%%, "
                            + "where the windows (each pause and the %.0f ms after it) cover %.1f%% of the phase, what chance alone would give. "
                            + "The %d requests that met no window: p99 %s ms.",
                    slow, Report.num(thresholdMs), String.join(", ", parts), 100.0 * hitAny / slow, AFTER_MS, 100 * coveredShare,
                    clear, Report.num(clearP99Ms)) + probedText() + episodesText();
        }

        /** The probes' part: how many slow requests met a probe's stall, and the p99 of those that met nothing at all. */
        String probedText() {
            if (probed == null || probed.probes().isEmpty()) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (String probe : probed.probes()) {
                int count = pauseCounts.get(probe);
                String seen = count == 0 ? "none"
                        : count + " " + noun(probe, count) + ", longest " + Report.num(longestMs.get(probe)) + " ms";
                parts.add(String.format(Locale.ROOT, "the %s's %.0f%% (%s)", probe, 100.0 * hits.get(probe) / slow, seen));
            }
            return String.format(Locale.ROOT, " Met a stall a probe saw: %s; a pause or a probe's stall %.0f%%, where all the windows cover "
                            + "%.1f%% of the phase. The %d requests that met no window of any kind: p99 %s ms.",
                    String.join(", ", parts), 100.0 * probed.hitAnything() / slow, 100 * probed.coveredShare(), probed.clear(),
                    Report.num(probed.clearP99Ms()));
        }

        /**
         * The largest stall (the most slow requests) as a window on the wall clock of a phase that
         * began at {@code phaseFromMs}: from its first request's intended start to its last answer.
         */
        java.util.Optional<Pause> largestStall(double phaseFromMs) {
            return episodes.stream().max(Comparator.comparingInt(Episode::requests))
                    .map(e -> new Pause(LARGEST_STALL, phaseFromMs + e.offsetMs(), phaseFromMs + e.offsetMs() + e.spanMs()));
        }

        /** How the slow requests group into stalls, the largest first. */
        String episodesText() {
            if (episodes.isEmpty()) {
                return "";
            }
            List<Episode> largest = episodes.stream().sorted(Comparator.comparingInt(Episode::requests).reversed()).limit(5).toList();
            String kinds = "";
            if (probed != null && !probed.probes().isEmpty()) {
                long paused = episodes.stream().filter(Episode::metPause).count();
                long probedOnly = episodes.stream().filter(e -> !e.metPause() && !e.met().isEmpty()).count();
                long neither = episodes.stream().filter(e -> e.met().isEmpty()).count();
                kinds = String.format(Locale.ROOT, ": %d met a pause, %d no pause but a probe's stall, %d neither", paused, probedOnly, neither);
            }
            return String.format(Locale.ROOT, " The slow requests fell in %d stall%s (overlapping requests)%s; the largest: %s.",
                    episodes.size(), episodes.size() == 1 ? "" : "s", kinds, String.join("; ", largest.stream().map(Episode::text).toList()));
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
                    "requests", e.requests(), "metPause", e.metPause(), "met", e.met())).toList());
            if (probed != null && !probed.probes().isEmpty()) {
                m.put("slowThatMetAPauseOrAProbesStall", probed.hitAnything());
                m.put("shareOfPhaseCoveredByAllWindows", probed.coveredShare());
                m.put("requestsClearOfAllWindows", probed.clear());
                m.put("p99OfThoseClearOfAllMs", probed.clearP99Ms());
            }
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
        return attribute(startMs, latencyMs, pauses, jvms, List.of(), phaseFromMs, phaseToMs);
    }

    /**
     * As {@link #attribute(double[], double[], List, List, double, double)}, with the windows of the
     * probes named in {@code probes} among {@code windows} as well: the pauses' figures count the JVMs'
     * windows only, the probed ones every window.
     */
    static Attribution attribute(double[] startMs, double[] latencyMs, List<Pause> windows, List<String> jvms, List<String> probes,
                                 double phaseFromMs, double phaseToMs) {
        int n = startMs.length;
        if (n == 0) {
            return new Attribution(0, Double.NaN, 0, Map.of(), 0, 0, 0, Double.NaN, Map.of(), Map.of(), List.of(), null);
        }
        List<String> sources = new ArrayList<>(jvms);
        sources.addAll(probes);
        List<Pause> pauses = windows.stream().filter(p -> jvms.contains(p.jvm())).toList();
        double threshold = percentile(latencyMs, 99);
        Map<String, Integer> hits = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> longest = new LinkedHashMap<>();
        for (String source : sources) {
            hits.put(source, 0);
            counts.put(source, (int) windows.stream().filter(p -> p.jvm().equals(source)).count());
            longest.put(source, windows.stream().filter(p -> p.jvm().equals(source)).mapToDouble(Pause::millis).max().orElse(0));
        }
        int slow = 0;
        int hitAny = 0;
        int hitAnything = 0;
        List<Double> clearLatencies = new ArrayList<>();
        List<Double> clearOfAll = new ArrayList<>();
        List<Slow> slowOnes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double from = startMs[i];
            double to = startMs[i] + latencyMs[i];
            boolean isSlow = latencyMs[i] >= threshold;
            List<String> met = new ArrayList<>();
            for (String source : sources) {
                for (Pause p : windows) {
                    if (p.jvm().equals(source) && from < p.endMs() + AFTER_MS && to > p.startMs()) {
                        met.add(source);
                        break;
                    }
                }
            }
            boolean pause = met.stream().anyMatch(jvms::contains);
            if (isSlow) {
                slow++;
                met.forEach(source -> hits.merge(source, 1, Integer::sum));
                hitAny += pause ? 1 : 0;
                hitAnything += met.isEmpty() ? 0 : 1;
                slowOnes.add(new Slow(from, to, met));
            }
            if (!pause) {
                clearLatencies.add(latencyMs[i]);
            }
            if (met.isEmpty()) {
                clearOfAll.add(latencyMs[i]);
            }
        }
        double clearP99 = percentile(clearLatencies.stream().mapToDouble(Double::doubleValue).toArray(), 99);
        Attribution.Probed probed = new Attribution.Probed(probes, hitAnything, covered(windows, phaseFromMs, phaseToMs),
                clearOfAll.size(), percentile(clearOfAll.stream().mapToDouble(Double::doubleValue).toArray(), 99));
        return new Attribution(n, threshold, slow, hits, hitAny, covered(pauses, phaseFromMs, phaseToMs),
                clearLatencies.size(), clearP99, counts, longest, episodes(slowOnes, sources, phaseFromMs), probed);
    }

    /** A slow request: from its intended start to its answer, and the sources whose windows it met. */
    record Slow(double startMs, double endMs, List<String> met) {
    }

    /** Groups the slow requests into runs of overlapping ones, in time order; {@code sources} orders what each run met. */
    static List<Episode> episodes(List<Slow> slowOnes, List<String> sources, double phaseFromMs) {
        List<Slow> sorted = slowOnes.stream().sorted(Comparator.comparingDouble(Slow::startMs)).toList();
        List<Episode> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            double start = sorted.get(i).startMs();
            double end = sorted.get(i).endMs();
            java.util.Set<String> met = new java.util.HashSet<>();
            int count = 0;
            while (i < sorted.size() && sorted.get(i).startMs() <= end) {
                end = Math.max(end, sorted.get(i).endMs());
                met.addAll(sorted.get(i).met());
                count++;
                i++;
            }
            out.add(new Episode(start - phaseFromMs, end - start, count, sources.stream().filter(met::contains).toList()));
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
