package casetrack.bench;

import casetrack.shared.audit.HashChain;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

/**
 * {@code ./casetrack bench --faults}: failures that actually kill things. Each check says what it
 * did and whether it held; the run fails if one did not.
 */
public final class Faults {

    private final Cluster cluster;
    private final Report report;
    private final Load load;
    private final String commandBase;
    private boolean allHeld = true;

    public Faults(Cluster cluster, Report report) {
        this.cluster = cluster;
        this.report = report;
        this.load = new Load(cluster.editorToken);
        this.commandBase = "http://127.0.0.1:" + cluster.commandPort;
    }

    public boolean runAll() throws Exception {
        cluster.startPostgres();
        cluster.startCommandSide();
        report.line("# casetrack fault tests").line("").line("`./casetrack bench --faults`; fictional cases only.")
                .section("Results").table("fault", "held", "what happened");
        ifMatchRace();
        killCommandSideUnderLoad();
        restartPostgresUnderLoad();
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

    /** Stop PostgreSQL under load: the command side says DOWN, then recovers by itself once PostgreSQL is back. */
    void restartPostgresUnderLoad() throws Exception {
        AtomicBoolean sawDown = new AtomicBoolean();
        Thread chaos = new Thread(() -> {
            try {
                Thread.sleep(2000);
                cluster.stopPostgres();
                cluster.awaitHealth("command side", cluster.command, cluster.commandPort, false, Duration.ofSeconds(30));
                sawDown.set(true);
                Thread.sleep(2000);
                cluster.startPostgres();
            } catch (Exception e) {
                Bench.say("postgres restart: " + e);
            }
        });
        chaos.start();
        Load.Result during = load.closedLoop("pg-restart", 4, Duration.ofSeconds(10), Long.MAX_VALUE,
                i -> load.commandWorker(commandBase, "fault-pg-" + System.nanoTime() + "-" + i, null));
        chaos.join();
        boolean up;
        try {
            cluster.awaitHealth("command side", cluster.command, cluster.commandPort, true, Duration.ofSeconds(60));
            up = true;
        } catch (IllegalStateException e) {
            up = false;
        }
        Load.Result after = load.closedLoop("after-pg-restart", 4, Duration.ofSeconds(3), 200,
                i -> load.commandWorker(commandBase, "fault-pg-after-" + System.nanoTime() + "-" + i, null));
        boolean held = sawDown.get() && up && after.errorCount() == 0 && after.ok() > 0;
        result("PostgreSQL stopped and restarted under load", held, String.format(
                "during: %d recorded, %d refused %s; health went DOWN: %s; UP again by itself: %s; afterwards %d recorded, %d errors",
                during.ok(), during.errorCount(), during.errors(), sawDown.get(), up, after.ok(), after.errorCount()));
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
