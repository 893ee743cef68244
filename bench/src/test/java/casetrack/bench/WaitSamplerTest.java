package casetrack.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The wait-event sampler names what each PostgreSQL process was doing, and finds the commit
 * probe's backend in the samples that fall inside a slow window: on a real PostgreSQL 17, with a
 * backend named as the probe held on an advisory lock while another sleeps.
 */
class WaitSamplerTest {

    private static Cluster cluster;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = new Cluster(Path.of("."));
        cluster.startPostgres();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    void namesWaitsTheCpuAndIdleSessionsApart() {
        assertThat(WaitSampler.label("active", "IO", "WalSync")).isEqualTo("IO:WalSync");
        assertThat(WaitSampler.label("active", "LWLock", "WALWrite")).isEqualTo("LWLock:WALWrite");
        assertThat(WaitSampler.label("active", null, null)).isEqualTo(WaitSampler.ON_CPU);
        assertThat(WaitSampler.label("idle", "Client", "ClientRead")).isEqualTo("idle");
        assertThat(WaitSampler.label("idle in transaction", "Client", "ClientRead")).isEqualTo("idle in transaction");
        assertThat(WaitSampler.afterStatement("idle in transaction", "BEGIN")).isEqualTo("idle in transaction after BEGIN");
        assertThat(WaitSampler.afterStatement("idle in transaction", null)).isEqualTo("idle in transaction");
        assertThat(WaitSampler.withRunState("idle in transaction", 'R')).isEqualTo("idle in transaction, runnable (on a core or waiting for one)");
        assertThat(WaitSampler.withRunState("idle in transaction", 'S')).isEqualTo("idle in transaction, sleeping (waiting for its client)");
        assertThat(WaitSampler.withRunState("idle in transaction", '?')).isEqualTo("idle in transaction");
        // the command name may hold spaces and parentheses; the state is the field after its closing one
        assertThat(WaitSampler.kernelStateOf("4242 (postgres: a (b) c) R 1 2 3")).isEqualTo('R');
        assertThat(WaitSampler.kernelStateOf("garbage")).isEqualTo('?');
        // a background process's main loop is its idle state; its real work is not
        assertThat(WaitSampler.label(null, "Activity", "WalWriterMain")).isEqualTo("idle");
        assertThat(WaitSampler.label(null, "IO", "WalWrite")).isEqualTo("IO:WalWrite");
        assertThat(WaitSampler.who("casetrack-command-side", "client backend")).isEqualTo("casetrack-command-side");
        assertThat(WaitSampler.who("PostgreSQL JDBC Driver", "client backend")).isEqualTo("the bench's other connections");
        assertThat(WaitSampler.who("", "walwriter")).isEqualTo("walwriter");
    }

    @Test
    void findsTheProbesBackendWaitingInsideItsSlowWindowAndNotOutside() throws Exception {
        try (Connection holder = cluster.connect(); Statement h = holder.createStatement();
             Connection probe = cluster.connect(); Connection sleeper = cluster.connect()) {
            h.execute("CREATE TABLE IF NOT EXISTS bench_wait_sampler_test (x int)");
            h.execute("SELECT pg_advisory_lock(4242)");
            try (Statement s = probe.createStatement()) {
                s.execute("SET application_name = '" + WaitSampler.COMMIT_PROBE + "'");
            }
            try (Statement s = sleeper.createStatement()) {
                s.execute("SET application_name = 'casetrack-command-side'");
            }
            Connection open = cluster.connect();
            open.setAutoCommit(false);
            try (Statement s = open.createStatement()) {
                s.execute("SET application_name = 'casetrack-query-side'");
                s.execute("  insert into bench_wait_sampler_test SELECT 1");
            }
            try (Statement t = sleeper.createStatement(); ResultSet rs = t.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                // a backend waiting for its client's next statement sleeps in the kernel (once it has finished
                // sending its last answer: right after it, it may still be on the core)
                Path stat = Path.of("/proc", rs.getString(1), "stat");
                await().atMost(Duration.ofSeconds(5)).until(() -> WaitSampler.kernelState(stat) == 'S');
            }
            WaitSampler sampler = WaitSampler.start(cluster);
            double quietFrom = System.currentTimeMillis();
            // each window lasts until the sampler has taken a number of samples in it, however slow the machine
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samplesSince(quietFrom) >= 10);
            double quietTo = System.currentTimeMillis();
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> run(probe, "SELECT pg_advisory_lock(4242)"));
            CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> run(sleeper, "SELECT pg_sleep(1.5)"));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting(h));
            double slowFrom = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samplesSince(slowFrom) >= 30);
            double slowTo = System.currentTimeMillis();
            h.execute("SELECT pg_advisory_unlock(4242)");
            blocked.get();
            sleeping.get();
            WaitSampler.Sampled sampled = sampler.stop();
            open.rollback();
            open.close();

            List<TailPauses.Pause> slow = List.of(new TailPauses.Pause(TailPauses.SLOW_COMMIT, slowFrom, slowTo));
            // a session that ran a statement inside its transaction and then waits for its client
            assertThat(sampled.busyDuring(slow).get("casetrack-query-side"))
                    .containsOnlyKeys("idle in transaction after INSERT, sleeping (waiting for its client)");
            Map<String, Long> during = sampled.probeDuring(slow);
            assertThat(during).containsOnlyKeys("Lock:advisory");
            // the window held at least 30 samples
            assertThat(during.get("Lock:advisory")).isGreaterThanOrEqualTo(10);
            assertThat(sampled.slowCommitsSampled(slow)).isEqualTo(1);
            // the sleeping session was in every sample of the window
            assertThat(sampled.busyDuring(slow).get("casetrack-command-side").get("Timeout:PgSleep")).isCloseTo(1.0, within(1e-9));

            List<TailPauses.Pause> quiet = List.of(new TailPauses.Pause(TailPauses.SLOW_COMMIT, quietFrom, quietTo));
            // before it asked for the lock, the probe's session was idle, which is not counted as busy
            assertThat(sampled.probeDuring(quiet)).containsOnlyKeys("idle");
            assertThat(sampled.busyDuring(quiet)).doesNotContainKey(WaitSampler.COMMIT_PROBE);
            double share = sampled.busy().get(WaitSampler.COMMIT_PROBE).get("Lock:advisory");
            assertThat(share).isGreaterThan(0.1).isLessThan(0.9);
            assertThat(sampled.json(slow, Optional.empty())).containsEntry("slowCommitsSampled", 1L).doesNotContainKey("largestStall");
            // the same window read as the phase's largest stall: its own column, and in the JSON
            Optional<TailPauses.Pause> stall = Optional.of(new TailPauses.Pause(TailPauses.LARGEST_STALL, slowFrom, slowTo));
            assertThat(sampled.within(stall)).hasSizeGreaterThanOrEqualTo(30);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Double>> inStall = (Map<String, Map<String, Double>>) sampled.json(slow, stall).get("meanProcessesDuringLargestStall");
            assertThat(inStall.get("casetrack-command-side").get("Timeout:PgSleep")).isCloseTo(1.0, within(1e-9));
            Report report = new Report();
            sampled.report(report, "test", quiet, stall);
            assertThat(report.markdown()).contains("mean processes, during the largest stall", "The largest stall of slow requests")
                    .containsPattern("\\| casetrack-command-side \\| Timeout:PgSleep \\| [0-9.]+ \\| 0\\.000 \\| 1\\.000 \\|");
        }
    }

    private static boolean waiting(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getLong(1) == 1;
        }
    }

    private static void run(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
