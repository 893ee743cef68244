package casetrack.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's own work between marks of the run: WAL written, full-page images, WAL buffers
 * filled (a backend then writes WAL itself), and the checkpointer's checkpoints and time spent
 * writing and syncing ({@code pg_stat_wal}, {@code pg_stat_checkpointer}). A phase that runs
 * during a checkpoint shares the disk with it and pays a full-page image for the first change of
 * every page after it; this says which phases did. Also the database's committed transactions
 * ({@code pg_stat_database.xact_commit}: the services' and the bench's own, each a WAL flush when it
 * wrote), to compare the commits a command costs in the closed and the open loop.
 */
final class PostgresActivity {

    record Counters(long nanos, long walBytes, long walFpi, long walBuffersFull, long walSyncs, double walSyncMs,
                    long checkpointsTimed, long checkpointsRequested, double writeMs, double syncMs, long buffersWritten,
                    long commits) {
    }

    /**
     * The mean time of one WAL flush (fsync/fdatasync of the WAL) between two readings, in ms, as text:
     * "n/a" when flushes were made but not timed ({@code track_wal_io_timing} off), "–" when there was none.
     */
    static String meanFlushMs(long syncs, double syncMs) {
        if (syncs <= 0) {
            return "–";
        }
        if (syncMs <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f", syncMs / syncs);
    }

    record Phase(String name, Counters from, Counters to) {
        double seconds() {
            return (to.nanos - from.nanos) / 1e9;
        }
    }

    private final Cluster cluster;
    private final List<Phase> phases = new ArrayList<>();
    private Counters last;

    PostgresActivity(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Starts counting from now. */
    void start() throws SQLException {
        last = read();
    }

    /** Ends a phase of this name here (the next starts here). */
    void mark(String phase) {
        try {
            Counters now = read();
            if (last != null) {
                phases.add(new Phase(phase, last, now));
            }
            last = now;
        } catch (SQLException e) {
            Bench.say("could not read PostgreSQL's statistics after " + phase + ": " + e.getMessage());
        }
    }

    private Counters read() throws SQLException {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            long walBytes;
            long fpi;
            long buffersFull;
            long walSyncs;
            double walSyncMs;
            try (ResultSet rs = s.executeQuery("SELECT wal_bytes, wal_fpi, wal_buffers_full, wal_sync, wal_sync_time FROM pg_stat_wal")) {
                rs.next();
                walBytes = rs.getLong(1);
                fpi = rs.getLong(2);
                buffersFull = rs.getLong(3);
                walSyncs = rs.getLong(4);
                walSyncMs = rs.getDouble(5);
            }
            long commits;
            try (ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                commits = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT num_timed, num_requested, write_time, sync_time, buffers_written FROM pg_stat_checkpointer")) {
                rs.next();
                return new Counters(System.nanoTime(), walBytes, fpi, buffersFull, walSyncs, walSyncMs, rs.getLong(1), rs.getLong(2),
                        rs.getDouble(3), rs.getDouble(4), rs.getLong(5), commits);
            }
        }
    }

    /** The server's WAL and checkpoint settings, as "name=value unit" pairs. */
    String settings() {
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name IN "
                     + "('max_wal_size', 'min_wal_size', 'checkpoint_timeout', 'wal_buffers', 'shared_buffers', "
                     + "'checkpoint_completion_target', 'track_wal_io_timing', 'commit_delay') ORDER BY name")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add("`" + rs.getString(1) + "` " + rs.getString(2) + (rs.getString(3).isEmpty() ? "" : " × " + rs.getString(3)));
            }
            return String.join(", ", out);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    void report(Report report) {
        String settings = settings();
        report.section("PostgreSQL's background work by phase")
                .line("From `pg_stat_wal`, `pg_stat_checkpointer` and `pg_stat_database` at the start and end of each phase. Settings: " + settings + ". "
                        + "Commits are the database's committed transactions (both services', the lag probes' and the bench's own reads). "
                        + "Checkpoints are those begun and completed in the phase's counters; the checkpointer's write and sync "
                        + "seconds say whether one was running during it (its writes share the disk with the commits). "
                        + "WAL flushes are `pg_stat_wal.wal_sync`: one per commit that found its WAL not yet on disk (several "
                        + "commits share one when they queue behind it); their mean time (`wal_sync_time`, with "
                        + "`track_wal_io_timing` on) against `pg_test_fsync` on an idle disk says whether the disk slowed under the load.")
                .line("")
                .table("phase", "s", "commits /s", "WAL flushes /s", "mean WAL flush ms", "WAL MiB", "full-page images",
                        "WAL buffers full", "checkpoints (time / requested)",
                        "checkpointer writing s", "syncing s", "buffers written");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Phase p : phases) {
            Counters a = p.from();
            Counters b = p.to();
            double walMiB = (b.walBytes() - a.walBytes()) / 1048576.0;
            long timed = b.checkpointsTimed() - a.checkpointsTimed();
            long requested = b.checkpointsRequested() - a.checkpointsRequested();
            double writeS = (b.writeMs() - a.writeMs()) / 1000;
            double syncS = (b.syncMs() - a.syncMs()) / 1000;
            long commits = b.commits() - a.commits();
            long flushes = b.walSyncs() - a.walSyncs();
            double flushMs = b.walSyncMs() - a.walSyncMs();
            long fullPageImages = b.walFpi() - a.walFpi();
            long buffersFull = b.walBuffersFull() - a.walBuffersFull();
            long buffersWritten = b.buffersWritten() - a.buffersWritten();
            report.row(p.name(), Report.num(p.seconds()), Report.num(commits / p.seconds()), Report.num(flushes / p.seconds()),
                    meanFlushMs(flushes, flushMs), Report.num(walMiB), fullPageImages, buffersFull, timed + " / " + requested,
                    String.format(Locale.ROOT, "%.1f", writeS), String.format(Locale.ROOT, "%.2f", syncS), buffersWritten);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phase", p.name());
            row.put("seconds", p.seconds());
            row.put("commits", commits);
            row.put("walFlushes", flushes);
            row.put("walFlushMs", flushMs);
            row.put("walMiB", walMiB);
            row.put("fullPageImages", fullPageImages);
            row.put("walBuffersFull", buffersFull);
            row.put("checkpointsTimed", timed);
            row.put("checkpointsRequested", requested);
            row.put("checkpointWriteSeconds", writeS);
            row.put("checkpointSyncSeconds", syncS);
            row.put("buffersWritten", buffersWritten);
            json.add(row);
        }
        report.line("");
        report.put("postgresActivity", Map.of("settings", settings, "phases", json));
    }
}
