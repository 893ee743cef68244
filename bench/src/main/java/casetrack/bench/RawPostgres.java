package casetrack.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit on the same server in the same run, over JDBC: single-row append and commit
 * per transaction into a table shaped like {@code events.domain_event_entry} (same columns and
 * constraints, its own sequence so the real store's global index gets no gaps), a keyset-ordered
 * scan, and primary-key selects.
 */
public final class RawPostgres {

    public record Rate(String name, int clients, double seconds, long operations, Stats latency) {
        public double perSecond() {
            return operations / seconds;
        }
    }

    private final Cluster cluster;
    private final List<byte[]> payloads = new ArrayList<>();
    private final List<byte[]> metadata = new ArrayList<>();

    public RawPostgres(Cluster cluster) {
        this.cluster = cluster;
    }

    public void createTable() throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench.raw_event_entry");
            s.execute("""
                    CREATE TABLE bench.raw_event_entry (
                        global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
                        event_identifier     VARCHAR(255) NOT NULL UNIQUE,
                        aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number      BIGINT       NOT NULL,
                        type                 VARCHAR(255),
                        time_stamp           VARCHAR(255) NOT NULL,
                        payload_type         VARCHAR(255) NOT NULL,
                        payload_revision     VARCHAR(255),
                        payload              BYTEA        NOT NULL,
                        meta_data            BYTEA,
                        CONSTRAINT raw_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number))""");
        }
    }

    /** Real payloads and metadata from the events recorded so far, so the raw rows are as large as real ones. */
    public String samplePayloads() throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload, meta_data FROM events.domain_event_entry ORDER BY global_index LIMIT 200")) {
            while (rs.next()) {
                payloads.add(rs.getBytes(1));
                metadata.add(rs.getBytes(2));
            }
        }
        if (payloads.isEmpty()) {
            throw new IllegalStateException("no recorded events to take realistic payloads from");
        }
        double p = payloads.stream().mapToInt(b -> b.length).average().orElse(0);
        double m = metadata.stream().mapToInt(b -> b == null ? 0 : b.length).average().orElse(0);
        return String.format("payload %.0f B + metadata %.0f B on average (real events of this run)", p, m);
    }

    interface Op {
        void run(Connection c, ThreadLocalRandom random, long counter) throws Exception;
    }

    private Rate closedLoop(String name, int clients, Duration time, Op prepare, Op op) throws Exception {
        Stats latency = new Stats();
        AtomicLong ops = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(clients);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        long[] window = new long[2];
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = cluster.connect()) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    if (prepare != null) {
                        prepare.run(c, random, 0);
                    }
                    ready.countDown();
                    go.await();
                    long deadline = window[1];
                    long n = 0;
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        op.run(c, random, n++);
                        latency.add(System.nanoTime() - t0);
                        ops.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e);
                    ready.countDown();
                }
            }, name + "-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + time.toNanos();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name + " failed: " + failures.get(0), failures.get(0));
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        return new Rate(name, clients, seconds, ops.get(), latency);
    }

    /** One event per transaction, committed (autocommit, synchronous_commit=on), each client on its own aggregates. */
    public Rate append(int clients, Duration time) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ThreadLocal<PreparedStatement> insert = new ThreadLocal<>();
        ThreadLocal<String> aggregate = new ThreadLocal<>();
        return closedLoop("raw-append", clients, time, (c, r, n) -> {
            c.setAutoCommit(true);
            insert.set(prepareAppend(c, "bench.raw_event_entry"));
            aggregate.set("raw-" + run + "-" + Thread.currentThread().getName());
        }, (c, r, n) -> appendOne(insert.get(), aggregate.get(), n));
    }

    /** The single-event insert of {@link #append} into {@code table} (shaped like the raw table), on a connection in autocommit. */
    PreparedStatement prepareAppend(Connection c, String table) throws java.sql.SQLException {
        return c.prepareStatement("INSERT INTO " + table + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Case', ?, ?, '1', ?, ?)");
    }

    /** Appends (and, in autocommit, commits) the {@code n}th event of a client whose aggregates are named from {@code aggregate}. */
    void appendOne(PreparedStatement ps, String aggregate, long n) throws java.sql.SQLException {
        int i = (int) (n % payloads.size());
        ps.setString(1, UUID.randomUUID().toString());
        // a new aggregate every 14 events, like the command mix's cases
        ps.setString(2, aggregate + "-" + (n / 14));
        ps.setLong(3, n % 14);
        ps.setString(4, java.time.Instant.now().toString());
        ps.setString(5, "casetrack.shared.event.SomethingHappened");
        ps.setBytes(6, payloads.get(i));
        ps.setBytes(7, metadata.get(i));
        ps.executeUpdate();
    }

    /** Random primary-key selects of one row (all columns) from the raw table, like pgbench -S. */
    public Rate primaryKeySelect(int clients, Duration time) throws Exception {
        long max;
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(global_index) FROM bench.raw_event_entry")) {
            rs.next();
            max = rs.getLong(1);
        }
        ThreadLocal<PreparedStatement> select = new ThreadLocal<>();
        return closedLoop("raw-pk-select", clients, time, (c, r, n) -> {
            select.set(c.prepareStatement("SELECT * FROM bench.raw_event_entry WHERE global_index = ?"));
        }, (c, r, n) -> {
            PreparedStatement ps = select.get();
            ps.setLong(1, 1 + r.nextLong(max));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getBytes("payload");
                }
            }
        });
    }

    /** Reads the whole table in global-index order, 1000 rows a page, every column; the second (warm) pass counts. */
    public Rate keysetScan(String table) throws Exception {
        keysetScanOnce(table);
        return keysetScanOnce(table);
    }

    private Rate keysetScanOnce(String table) throws Exception {
        long rows = 0;
        long t0 = System.nanoTime();
        try (Connection c = cluster.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                        + "payload_revision, payload, meta_data FROM " + table + " WHERE global_index > ? ORDER BY global_index LIMIT 1000")) {
            long last = 0;
            while (true) {
                ps.setLong(1, last);
                int page = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        rs.getString(2);
                        rs.getString(3);
                        rs.getBytes(9);
                        rs.getBytes(10);
                        page++;
                    }
                }
                rows += page;
                if (page < 1000) {
                    break;
                }
            }
        }
        return new Rate("keyset-scan " + table, 1, (System.nanoTime() - t0) / 1e9, rows, new Stats());
    }

    public long count(String table) throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
