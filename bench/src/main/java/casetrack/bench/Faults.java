package casetrack.bench;

import casetrack.shared.audit.HashChain;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./casetrack bench --faults}: failures that actually kill things. Each check says what it
 * did and whether it held; the run fails if one did not.
 */
public final class Faults {

    private final Cluster cluster;
    private final Report report;
    private final Load load;
    private final Load auditor;
    private final String commandBase;
    private final String queryBase;
    private boolean allHeld = true;

    /** The projection tables and their keys, as the query side's ProjectionChecksums sums them. */
    static final Map<String, String> PROJECTION_TABLES = Map.of(
            "query.case_summary", "t.case_id",
            "query.case_search", "t.case_id",
            "query.timeline_entry", "t.event_id",
            "query.calendar_entry", "t.case_id, t.entry_key");

    public Faults(Cluster cluster, Report report) {
        this.cluster = cluster;
        this.report = report;
        this.load = new Load(cluster.editorToken);
        this.auditor = new Load(cluster.auditorToken);
        this.commandBase = "http://127.0.0.1:" + cluster.commandPort;
        this.queryBase = "http://127.0.0.1:" + cluster.queryPort;
    }

    public boolean runAll() throws Exception {
        cluster.startPostgres();
        cluster.startCommandSide();
        cluster.startQuerySide();
        report.line("# casetrack fault tests").line("").line("`./casetrack bench --faults`; fictional cases only.")
                .section("Results").table("fault", "held", "what happened");
        // CASETRACK_FAULTS=name,name runs only those (if-match, kill-command, restart-postgres, kill-query-live, kill-query-replay)
        String only = System.getenv().getOrDefault("CASETRACK_FAULTS", "");
        java.util.function.Predicate<String> wanted = name -> only.isBlank() || List.of(only.split(",")).contains(name);
        if (wanted.test("if-match")) {
            ifMatchRace();
        }
        if (wanted.test("kill-command")) {
            killCommandSideUnderLoad();
        }
        if (wanted.test("restart-postgres")) {
            restartPostgresUnderLoad();
        }
        if (wanted.test("kill-query-live")) {
            killQuerySideUnderLoad();
        }
        if (wanted.test("kill-query-replay")) {
            killQuerySideDuringReplay();
        }
        return allHeld;
    }

    private void result(String name, boolean held, String detail) {
        allHeld &= held;
        report.row(name, held ? "**yes**" : "**NO**", detail);
        report.put(name, Map.of("held", held, "detail", detail));
        Bench.say(name + ": " + (held ? "held" : "FAILED") + " — " + detail);
    }

    /** 32 writers with the same If-Match on one case, 20 rounds: exactly one wins each round, the others get 409/412. */
    void ifMatchRace() throws Exception {
        String caseId = "fault-race-" + System.currentTimeMillis();
        HttpResponse<String> open = load.send(load.post(commandBase + "/api/cases", CaseScript.openCase(caseId)).build());
        long version = Load.version(open.body());
        ExecutorService pool = Load.pool(32, "racer");
        int rounds = 20;
        int lost = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int writer = i;
                long expected = version;
                answers.add(pool.submit(() -> {
                    go.await();
                    return load.send(load.post(commandBase + "/api/cases/" + caseId + "/commands/RecordPublicStatement",
                            CaseScript.publicStatement(writer)).header("If-Match", "\"" + expected + "\"").build());
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 200) {
                    winners++;
                    version = Load.version(r.body());
                } else if (r.statusCode() != 409 && r.statusCode() != 412) {
                    lost++;
                }
            }
            if (winners != 1) {
                lost++;
            }
        }
        pool.shutdown();
        long stored = count(caseId);
        boolean held = lost == 0 && stored == rounds + 1 && version == rounds;
        result("32 writers racing with If-Match", held, rounds + " rounds; answers " + statuses + "; events stored " + stored
                + " (expected " + (rounds + 1) + ": the opening and one winner a round)");
    }

    /** The command mix at 8 clients; kill -9 the command side mid-load; every 200'd command's events are stored and every chain verifies. */
    void killCommandSideUnderLoad() throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Map<String, Long> versions = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(3000);
                killed.set(true);
                Cluster.kill9(cluster.command);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        Load.Result r = load.closedLoop("kill-9", 8, Duration.ofSeconds(8), Long.MAX_VALUE,
                i -> load.commandWorker(commandBase, "fault-kill-" + System.nanoTime() + "-" + i, (caseId, version, at, body) -> {
                    for (String id : eventIds(body)) {
                        answered.add(id);
                    }
                    versions.merge(caseId, version, Math::max);
                }));
        killer.join();
        int missing = 0;
        int brokenChains = 0;
        int gaps = 0;
        try (Connection c = cluster.connect()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM events.domain_event_entry WHERE event_identifier = ?")) {
                for (String id : answered) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            missing++;
                        }
                    }
                }
            }
            for (String caseId : versions.keySet()) {
                List<HashChain.ChainedEvent> events = new ArrayList<>();
                long expected = 0;
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT aggregate_identifier, sequence_number, event_identifier, payload_type, payload_revision, payload, meta_data
                        FROM events.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
                    ps.setString(1, caseId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getLong(2) != expected++) {
                                gaps++;
                            }
                            events.add(HashChain.ChainedEvent.fromStored(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getBytes(6), rs.getBytes(7)));
                        }
                    }
                }
                Optional<HashChain.Break> broken = HashChain.verify(events);
                if (broken.isPresent()) {
                    brokenChains++;
                }
            }
        }
        cluster.startCommandSide();
        HttpResponse<String> after = load.send(load.post(commandBase + "/api/cases", CaseScript.openCase("fault-after-kill-" + System.currentTimeMillis())).build());
        boolean held = killed.get() && missing == 0 && brokenChains == 0 && gaps == 0 && after.statusCode() == 201;
        result("kill -9 of the command side under load", held, String.format(
                "%d commands answered 200/201 before the kill (%d events named), %d unanswered or failed %s; %d of the answered events missing; "
                        + "%d cases checked: %d broken hash chains, %d sequence gaps; after a restart a new case opened with %d",
                r.ok(), answered.size(), r.errorCount(), r.errors(), missing, versions.size(), brokenChains, gaps, after.statusCode()));
    }

    /**
     * Stop PostgreSQL under load: both services' health answers DOWN, every refused command is a 503
     * (never a 500), PostgreSQL comes back on the same data, both services are UP again by themselves,
     * commands succeed and the query side catches up.
     */
    void restartPostgresUnderLoad() throws Exception {
        AtomicBoolean commandDown = new AtomicBoolean();
        AtomicBoolean queryDown = new AtomicBoolean();
        AtomicLong downForMillis = new AtomicLong();
        Thread chaos = new Thread(() -> {
            try {
                Thread.sleep(2000);
                long t0 = System.nanoTime();
                cluster.stopPostgres();
                Bench.say("PostgreSQL stopped; waiting for both services to say DOWN");
                commandDown.set(cluster.awaitExplicitDown(cluster.commandPort, Duration.ofSeconds(30)));
                queryDown.set(cluster.awaitExplicitDown(cluster.queryPort, Duration.ofSeconds(30)));
                Thread.sleep(1000);
                cluster.startPostgres();
                downForMillis.set((System.nanoTime() - t0) / 1_000_000);
                Bench.say("PostgreSQL started again after " + downForMillis.get() + " ms");
            } catch (Exception e) {
                Bench.say("postgres restart: " + e);
            }
        });
        chaos.start();
        Load.Result during = load.closedLoop("pg-restart", 4, Duration.ofSeconds(25), Long.MAX_VALUE,
                i -> load.commandWorker(commandBase, "fault-pg-" + System.nanoTime() + "-" + i, null));
        chaos.join();
        boolean commandUp = upAgain("command side", cluster.command, cluster.commandPort);
        boolean queryUp = upAgain("query side", cluster.query, cluster.queryPort);
        Load.Result after = load.closedLoop("after-pg-restart", 4, Duration.ofSeconds(3), 200,
                i -> load.commandWorker(commandBase, "fault-pg-after-" + System.nanoTime() + "-" + i, null));
        boolean caughtUp = awaitQueryCaughtUp(Duration.ofSeconds(120));
        long fiveHundreds = during.errors().getOrDefault("500", 0L) + after.errors().getOrDefault("500", 0L);
        boolean held = commandDown.get() && queryDown.get() && commandUp && queryUp && fiveHundreds == 0
                && after.errorCount() == 0 && after.ok() > 0 && caughtUp;
        result("PostgreSQL stopped and restarted under load", held, String.format(
                "PostgreSQL down %d ms; during: %d recorded, %d refused or unanswered %s (500s: %d, must be 0); health said DOWN: command side %s, "
                        + "query side %s; UP again by itself: command side %s, query side %s; afterwards %d recorded, %d errors; "
                        + "query side caught up: %s",
                downForMillis.get(), during.ok(), during.errorCount(), during.errors(), fiveHundreds, commandDown.get(), queryDown.get(),
                commandUp, queryUp, after.ok(), after.errorCount(), caughtUp));
    }

    private boolean upAgain(String name, Process p, int port) throws Exception {
        try {
            cluster.awaitHealth(name, p, port, true, Duration.ofSeconds(60));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The command mix at 8 clients; kill -9 the query side after 3 s, start it again at once; once caught up, its tables equal a clean rebuild. */
    void killQuerySideUnderLoad() throws Exception {
        if (!awaitQueryCaughtUp(Duration.ofSeconds(120))) {
            result("kill -9 of the query side during live processing", false, "the query side was not caught up before the fault");
            return;
        }
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicLong behindAtKill = new AtomicLong(-1);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(3000);
                behindAtKill.set(eventsBehind());
                Cluster.kill9(cluster.query);
                Bench.say("query side killed (-9) under load, " + behindAtKill.get() + " events behind; starting it again");
                cluster.startQuerySide();
                restarted.set(true);
            } catch (Exception e) {
                Bench.say("query side restart: " + e);
            }
        });
        killer.start();
        Load.Result r = load.closedLoop("query-kill-9", 8, Duration.ofSeconds(10), Long.MAX_VALUE,
                i -> load.commandWorker(commandBase, "fault-qkill-" + System.nanoTime() + "-" + i, null));
        killer.join();
        boolean caughtUp = restarted.get() && awaitQueryCaughtUp(Duration.ofSeconds(180));
        Rebuild rebuild = caughtUp ? compareWithCleanRebuild() : Rebuild.NOT_RUN;
        result("kill -9 of the query side during live processing", restarted.get() && caughtUp && rebuild.equal(), String.format(
                "%d commands recorded at 8 clients (%d errors %s); killed with the projections %d events behind (by their tokens); "
                        + "restarted: %s; caught up: %s; %s",
                r.ok(), r.errorCount(), r.errors(), behindAtKill.get(), restarted.get(), caughtUp, rebuild.detail()));
    }

    /** Start a replay, kill -9 the query side half-way, start it again: it finishes the rebuild, which equals a clean rebuild. */
    void killQuerySideDuringReplay() throws Exception {
        long events = countAll();
        long wanted = 15_000;
        if (events < wanted) {
            Bench.say("recording commands until the store holds " + wanted + " events (now " + events + "), so the replay lasts");
            load.closedLoop("fill", 8, Duration.ofSeconds(45), Long.MAX_VALUE,
                    i -> load.commandWorker(commandBase, "fault-fill-" + System.nanoTime() + "-" + i, null));
            events = countAll();
        }
        if (!awaitQueryCaughtUp(Duration.ofSeconds(180))) {
            result("kill -9 of the query side during a replay", false, "the query side was not caught up before the fault");
            return;
        }
        List<String> indexesBefore = projectionIndexes();
        HttpResponse<String> started = auditor.send(auditor.post(queryBase + "/api/admin/replay", "{}").build());
        long done = 0;
        long total = events;
        String state = "?";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String progress = auditor.send(auditor.get(queryBase + "/api/admin/replay").build()).body();
            done = (long) Bench.number(progress, "eventsDone");
            total = (long) Bench.number(progress, "eventsTotal");
            state = text(progress, "state");
            if (!state.equals("RUNNING") || done >= total / 4) {
                break;
            }
            Thread.sleep(20);
        }
        boolean killedMidway = state.equals("RUNNING") && done < total;
        Cluster.kill9(cluster.query);
        Bench.say("query side killed (-9) during the replay at " + done + " of " + total + " events (" + state + ")");
        cluster.startQuerySide();
        boolean caughtUp = awaitQueryCaughtUp(Duration.ofSeconds(300));
        // the replay had set the tables' secondary indexes aside; the restarted side builds them again
        List<String> indexesAfter = projectionIndexes();
        boolean indexesBack = indexesAfter.equals(indexesBefore);
        Rebuild rebuild = caughtUp ? compareWithCleanRebuild() : Rebuild.NOT_RUN;
        result("kill -9 of the query side during a replay",
                started.statusCode() == 202 && killedMidway && caughtUp && indexesBack && rebuild.equal(),
                String.format("replay of %d events started (%d); killed at %d of %d events (state %s); restarted, the interrupted replay "
                                + "resumed from its tokens and caught up: %s; the %d indexes of the projection tables (their secondary "
                                + "ones set aside by the replay) were all back, each as defined before: %s; %s",
                        total, started.statusCode(), done, total, state, caughtUp, indexesBefore.size(), indexesBack
                                ? "yes" : "NO (before " + indexesBefore + ", after " + indexesAfter + ")", rebuild.detail()));
    }

    record Rebuild(boolean equal, String detail) {
        static final Rebuild NOT_RUN = new Rebuild(false, "not compared with a clean rebuild (not caught up)");
    }

    /**
     * "Equal to a clean rebuild": per-table md5 checksums of the projections as they are (JDBC, the
     * query side's own SQL), then a full replay; its checksums after must equal those before, and the
     * service must report EQUAL too.
     */
    Rebuild compareWithCleanRebuild() throws Exception {
        Map<String, String> asLeft = checksums();
        keepCopies();
        HttpResponse<String> started = auditor.send(auditor.post(queryBase + "/api/admin/replay", "{}").build());
        if (started.statusCode() != 202) {
            return new Rebuild(false, "the clean rebuild did not start: " + started.statusCode() + " " + started.body());
        }
        String progress = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        long t0 = System.nanoTime();
        while (System.nanoTime() < deadline) {
            progress = auditor.send(auditor.get(queryBase + "/api/admin/replay").build()).body();
            if (!text(progress, "state").equals("RUNNING")) {
                break;
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> rebuilt = checksums();
        boolean serviceSaysEqual = progress.contains("\"checksumsEqual\":true");
        boolean equal = text(progress, "state").equals("DONE") && serviceSaysEqual && rebuilt.equals(asLeft);
        StringBuilder tables = new StringBuilder();
        asLeft.forEach((table, sum) -> tables.append(tables.isEmpty() ? "" : ", ").append(table).append(' ')
                .append(sum.equals(rebuilt.get(table)) ? "equal" : "DIFFERENT"));
        String differences = rebuilt.equals(asLeft) ? "" : "; " + differences();
        return new Rebuild(equal, String.format("clean rebuild (full replay, %.1f s, state %s): %s; the query side says %s" + differences,
                seconds, text(progress, "state"), tables, serviceSaysEqual ? "EQUAL" : "DIFFERENT"));
    }

    /** The projection tables as the fault left them, kept beside the originals so a difference can be named. */
    void keepCopies() throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            for (String table : PROJECTION_TABLES.keySet()) {
                String copy = "bench." + table.substring(table.indexOf('.') + 1) + "_before_rebuild";
                s.execute("CREATE SCHEMA IF NOT EXISTS bench");
                s.execute("DROP TABLE IF EXISTS " + copy);
                s.execute("CREATE TABLE " + copy + " AS SELECT * FROM " + table);
            }
        }
    }

    /** Which rows differ between the tables as left and as rebuilt: counts, and the first differing row of each (as text). */
    String differences() {
        StringBuilder out = new StringBuilder();
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> t : new TreeMap<>(PROJECTION_TABLES).entrySet()) {
                String copy = "bench." + t.getKey().substring(t.getKey().indexOf('.') + 1) + "_before_rebuild";
                String only = "(SELECT t::text AS row FROM %s t EXCEPT SELECT t::text FROM %s t)";
                ResultSet left = s.executeQuery("SELECT count(*), min(row) FROM " + String.format(only, copy, t.getKey()) + " d");
                left.next();
                long leftCount = left.getLong(1);
                String leftRow = left.getString(2);
                ResultSet rebuilt = s.executeQuery("SELECT count(*), min(row) FROM " + String.format(only, t.getKey(), copy) + " d");
                rebuilt.next();
                long rebuiltCount = rebuilt.getLong(1);
                String rebuiltRow = rebuilt.getString(2);
                if (leftCount + rebuiltCount > 0) {
                    out.append(String.format("%s: %d rows only as left, %d only as rebuilt; e.g. left `%s` rebuilt `%s`. ", t.getKey(),
                            leftCount, rebuiltCount, abbreviate(leftRow), abbreviate(rebuiltRow)));
                }
            }
        } catch (Exception e) {
            out.append("(differences not computed: ").append(e).append(')');
        }
        return out.toString().trim();
    }

    private static String abbreviate(String row) {
        return row == null ? "-" : row.length() > 400 ? row.substring(0, 400) + "…" : row;
    }

    Map<String, String> checksums() throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = cluster.connect()) {
            for (Map.Entry<String, String> t : new TreeMap<>(PROJECTION_TABLES).entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY " + t.getValue()
                        + "), '')) FROM " + t.getKey() + " t"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sums.put(t.getKey(), rs.getString(1));
                }
            }
        }
        return sums;
    }

    /**
     * Caught up: the query side's lag gauges ({@code casetrack_projection_lag_events}, one per segment)
     * are all 0 for every segment in query.token_entry, against the store's current head.
     */
    boolean awaitQueryCaughtUp(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                long segments;
                long head;
                try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM query.token_entry WHERE processor_name = 'case-projections'");
                    rs.next();
                    segments = rs.getLong(1);
                    rs = s.executeQuery("SELECT coalesce(max(global_index), -1) FROM events.domain_event_entry");
                    rs.next();
                    head = rs.getLong(1);
                }
                HttpResponse<String> scrape = auditor.send(auditor.get(queryBase + "/actuator/prometheus").build());
                if (scrape.statusCode() == 200) {
                    Matcher headGauge = Pattern.compile("(?m)^casetrack_projection_head_global_index (\\S+)$").matcher(scrape.body());
                    Matcher lag = Pattern.compile("(?m)^casetrack_projection_lag_events\\{[^}]*} (\\S+)$").matcher(scrape.body());
                    int seen = 0;
                    boolean allZero = true;
                    while (lag.find()) {
                        seen++;
                        allZero &= Double.parseDouble(lag.group(1)) == 0;
                    }
                    if (headGauge.find() && (long) Double.parseDouble(headGauge.group(1)) == head && seen == segments && seen > 0 && allZero) {
                        return true;
                    }
                }
            } catch (Exception e) {
                // the query side may be starting, or PostgreSQL coming back: try again
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Events the slowest segment is behind, from the tokens in query.token_entry (for the report only). */
    private long eventsBehind() {
        try {
            HttpResponse<String> scrape = auditor.send(auditor.get(queryBase + "/actuator/prometheus").build());
            Matcher lag = Pattern.compile("(?m)^casetrack_projection_lag_events\\{[^}]*} (\\S+)$").matcher(scrape.body());
            long max = 0;
            while (lag.find()) {
                max = Math.max(max, (long) Double.parseDouble(lag.group(1)));
            }
            return max;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Every index of the projection tables, as its definition, in name order. */
    private List<String> projectionIndexes() throws Exception {
        List<String> definitions = new ArrayList<>();
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'query' "
                     + "AND tablename IN ('case_summary', 'case_search', 'timeline_entry', 'calendar_entry') ORDER BY indexname")) {
            while (rs.next()) {
                definitions.add(rs.getString(1));
            }
        }
        return definitions;
    }

    private long countAll() throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM events.domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private long count(String caseId) throws Exception {
        try (Connection c = cluster.connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM events.domain_event_entry WHERE aggregate_identifier = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<String> eventIds(String body) {
        List<String> ids = new ArrayList<>();
        int i = body.indexOf("\"eventIds\"");
        if (i < 0) {
            return ids;
        }
        int start = body.indexOf('[', i);
        int end = body.indexOf(']', start);
        for (String part : body.substring(start + 1, end).split(",")) {
            String id = part.trim().replace("\"", "");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }
}
