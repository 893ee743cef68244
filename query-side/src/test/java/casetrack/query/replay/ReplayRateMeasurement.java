package casetrack.query.replay;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import casetrack.query.QuerySideApplication;
import casetrack.query.support.CaseHistory;
import casetrack.shared.event.CaseEvent;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.ImmunityOutcome;
import casetrack.shared.value.Proceeding;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not a test (its name keeps it out of the default run): records
 * {@code casetrack.measure.events} events (default 100,000) into a PostgreSQL of its own, 14-step
 * cases interleaved 16 at a time as the bench's clients record them, one case in ten corrected, lets
 * the query side catch up, then times a full replay against a warm keyset scan of the event table
 * and counts the statements PostgreSQL ran per replayed event (pg_stat_statements). It asserts only
 * that the replay rebuilt identical tables. Run:
 * <pre>
 * ./mvnw -B -q -pl query-side -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=ReplayRateMeasurement -Dcasetrack.measure.events=100000 -DargLine=-Xmx512m
 * </pre>
 * Extra query-side arguments (e.g. a segment count) go in {@code casetrack.measure.args}, comma-separated;
 * {@code casetrack.measure.warmup-replays} (default 0) replays first, unmeasured, so that the measured one
 * runs on compiled code (a 1,000,000-event replay, as the bench's, spends most of its time so);
 * {@code casetrack.measure.jfr=FILE} records the whole run with JFR's profile settings (the report gives the
 * replay's start and end, to cut the recording to it); {@code casetrack.measure.pg} sets PostgreSQL settings,
 * comma-separated ({@code auto_explain} is loaded: {@code auto_explain.log_min_duration=25} logs slow plans).
 */
class ReplayRateMeasurement {

    private static final int ACTIVE_CASES = 16;

    @Test
    void measureReplay() throws Exception {
        int events = Integer.getInteger("casetrack.measure.events", 100_000);
        EmbeddedPostgres.Builder server = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                .setServerConfig("synchronous_commit", "on");
        // further server settings, e.g. auto_explain.log_min_duration=25,auto_explain.log_analyze=on
        for (String setting : System.getProperty("casetrack.measure.pg", "").split(",")) {
            if (setting.contains("=")) {
                server.setServerConfig(setting.substring(0, setting.indexOf('=')).trim(), setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        // a recording started later would make the JIT compile everything again (starting one with
        // the profile settings deoptimizes the compiled code), and the replay would run on the recompiling
        String jfr = System.getProperty("casetrack.measure.jfr", "");
        jdk.jfr.Recording recording = null;
        if (!jfr.isBlank()) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        try (EmbeddedPostgres pg = server.start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/events").schemas("events")
                    .table("flyway_history_events").load().migrate();
            List<String> args = new ArrayList<>(List.of(
                    "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--spring.main.web-application-type=none", "--spring.jmx.enabled=false",
                    "--casetrack.query.node-id=measure", "--casetrack.access.users-file="));
            String extra = System.getProperty("casetrack.measure.args", "");
            for (String a : extra.split(",")) {
                if (!a.isBlank()) {
                    args.add(a.trim());
                }
            }
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QuerySideApplication.class)
                    .run(args.toArray(String[]::new))) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                long recordStart = System.nanoTime();
                record(app.getBean(EventStore.class), events);
                double recordSeconds = (System.nanoTime() - recordStart) / 1e9;
                long total = jdbc.queryForObject("SELECT count(*) FROM events.domain_event_entry", Long.class);
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM query.event_delivery", Long.class) == total);
                double liveSeconds = (System.nanoTime() - recordStart) / 1e9;

                double scanRate = 0;
                for (int run = 0; run < 2; run++) {
                    scanRate = keysetScan(jdbc, total);
                }

                ReplayService replay = app.getBean(ReplayService.class);
                // unmeasured replays first: the first replay in a JVM also runs the JIT compilers on the
                // replay's full batches (at 100,000 events they take as much CPU as the projections)
                int warmups = Integer.getInteger("casetrack.measure.warmup-replays", 0);
                for (int w = 0; w < warmups; w++) {
                    replay.start();
                    await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> replay.progress().state() != ReplayService.State.RUNNING);
                    assertThat(replay.progress().state()).isEqualTo(ReplayService.State.DONE);
                }
                jdbc.queryForList("SELECT pg_stat_statements_reset()");
                AtomicLong peakHeap = new AtomicLong();
                System.gc();
                long cpuBefore = processCpuNanos();
                long[] machineBefore = machineTicks();
                replay.start();
                ReplayService.Progress done;
                while (true) {
                    peakHeap.accumulateAndGet(heapUsed(), Math::max);
                    done = replay.progress();
                    if (done.state() != ReplayService.State.RUNNING) {
                        break;
                    }
                    Thread.sleep(100);
                }
                double jvmCpu = (processCpuNanos() - cpuBefore) / 1e9;
                long[] machineAfter = machineTicks();
                if (recording != null) {
                    recording.dump(java.nio.file.Path.of(jfr));
                    recording.close();
                }
                List<Map<String, Object>> statements = jdbc.queryForList("""
                        SELECT calls, round(total_exec_time) AS ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
                        FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 20
                        """);
                long calls = jdbc.queryForObject(
                        "SELECT sum(calls) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'", Long.class);

                StringBuilder report = new StringBuilder("\n=== replay measurement ===\n");
                report.append("args: ").append(extra).append(", unmeasured replays before this one: ").append(warmups).append('\n');
                report.append(String.format("events: %d (recorded in %.1f s, projected live by %.1f s)%n", total, recordSeconds, liveSeconds));
                report.append(String.format("warm keyset scan: %.0f rows/s%n", scanRate));
                report.append(String.format("replay: %s, %d events, %.0f events/s (%.2f%% of the scan), checksums equal: %s%n",
                        done.state(), done.eventsDone(), done.eventsPerSecond(), 100 * done.eventsPerSecond() / scanRate,
                        done.checksumsEqual()));
                report.append(String.format("peak heap used (sampled every 100 ms): %d MiB, max heap %d MiB%n",
                        peakHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20));
                double wall = done.finishedAt() == null ? 0
                        : Duration.between(done.startedAt(), done.finishedAt()).toMillis() / 1000.0;
                report.append(String.format("rebuilt in %.1f s, then the checksums of the rebuilt tables in %.1f s%n",
                        done.rebuiltAt() == null ? 0 : Duration.between(done.startedAt(), done.rebuiltAt()).toMillis() / 1000.0,
                        done.checksumSeconds() == null ? 0 : done.checksumSeconds()));
                report.append(String.format("replay from %s to %s (rebuilt; UTC, to cut a recording to it)%n",
                        done.startedAt(), done.rebuiltAt()));
                report.append(String.format("CPU during the replay (%.1f s): this JVM %.1f s; the whole machine busy %.1f of %.1f core-seconds%n",
                        wall, jvmCpu, (machineAfter[0] - machineBefore[0]) / 100.0, (machineAfter[1] - machineBefore[1]) / 100.0));
                report.append(String.format("statements during the replay: %d, per event: %.2f%n", calls, (double) calls / total));
                report.append(String.format("%10s %10s %10s  %s%n", "calls", "exec ms", "rows", "statement"));
                statements.forEach(s -> report.append(String.format("%10s %10s %10s  %s%n", s.get("calls"), s.get("ms"), s.get("rows"), s.get("query"))));
                System.out.println(report);
                assertThat(done.state()).isEqualTo(ReplayService.State.DONE);
                assertThat(done.checksumsEqual()).isTrue();
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Busy and total ticks (1/100 s) of all cores, from /proc/stat. */
    private static long[] machineTicks() throws java.io.IOException {
        String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static double keysetScan(JdbcTemplate jdbc, long total) {
        long start = System.nanoTime();
        long last = -1;
        long rows = 0;
        while (rows < total) {
            List<Long> page = jdbc.queryForList("""
                    SELECT global_index FROM (SELECT global_index, payload, meta_data FROM events.domain_event_entry
                    WHERE global_index > ? ORDER BY global_index LIMIT 1000) p
                    """, Long.class, last);
            if (page.isEmpty()) {
                break;
            }
            rows += page.size();
            last = page.get(page.size() - 1);
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /** 14-step cases, 16 recorded side by side as the bench's clients do; every tenth case corrects its arraignment. */
    private static void record(EventStore store, int events) {
        List<DomainEventMessage<?>> chunk = new ArrayList<>();
        Consumer<List<DomainEventMessage<?>>> collect = chunk::addAll;
        int recorded = 0;
        int caseNumber = 0;
        while (recorded < events) {
            List<CaseHistory> active = new ArrayList<>();
            List<List<CaseEvent>> scripts = new ArrayList<>();
            String[] arraignments = new String[ACTIVE_CASES];
            for (int i = 0; i < ACTIVE_CASES; i++) {
                CaseHistory h = new CaseHistory(String.format("measure-%07d", caseNumber), collect);
                active.add(h);
                scripts.add(script(h.caseId(), caseNumber++ % 10 == 0));
            }
            for (int step = 0; step < 15 && recorded < events; step++) {
                for (int i = 0; i < ACTIVE_CASES && recorded < events; i++) {
                    if (step < scripts.get(i).size()) {
                        CaseEvent e = scripts.get(i).get(step);
                        if (e == null) {
                            // the correction names the arraignment (step 2) by its event id
                            e = corrected(active.get(i).caseId(), arraignments[i], "wrong day", "2024-02-12", null, null, "2024-06-01");
                        }
                        String eventId = active.get(i).record(e);
                        if (step == 2) {
                            arraignments[i] = eventId;
                        }
                        recorded++;
                    }
                }
                store.publish(chunk);
                chunk.clear();
            }
        }
    }

    private static List<CaseEvent> script(String id, boolean withCorrection) {
        List<CaseEvent> steps = new ArrayList<>(List.of(
                opened(id, "State v. Measure " + id, "MN", "ICE", "doe", "J. Doe", "2024-01-07"),
                charged(id, "charge-1", "2024-02-03"),
                arraigned(id, "2024-02-10"),
                removalNotice(id, "removal-1", List.of(), "2024-03-04"),
                statement(id, "A. Spokesperson", "statement 1", "2024-03-05"),
                immunityAsserted(id, "claim-1", "2024-03-20"),
                hearingScheduled(id, "hearing-1", HearingKind.IMMUNITY, new Proceeding(casetrack.shared.value.ProceedingKind.IMMUNITY_CLAIM, "claim-1"),
                        D_IDAHO, java.time.LocalDate.parse("2024-04-15"), "2024-03-25"),
                hearingHeld(id, "hearing-1", HearingKind.IMMUNITY, new Proceeding(casetrack.shared.value.ProceedingKind.IMMUNITY_CLAIM, "claim-1"),
                        D_IDAHO, "held", "2024-04-15"),
                immunityRuled(id, "claim-1", ImmunityOutcome.DENIED, "2024-05-14"),
                statement(id, "A. Spokesperson", "statement 2", "2024-05-15"),
                appealFiled(id, "appeal-1", "claim-1", "2024-05-20"),
                statement(id, "A. Spokesperson", "statement 3", "2024-05-21"),
                statement(id, "A. Spokesperson", "statement 4", "2024-05-22")));
        if (withCorrection) {
            steps.add(null);
        }
        return steps;
    }
}
