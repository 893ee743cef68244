package casetrack.shared.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL settings casetrack's embedded server runs with ({@code ./casetrack start} and the
 * bench's server alike, so that the bench measures what users run); {@code docker-compose.yml}
 * passes the same ones to the official image. Durability is never traded: every commit is flushed
 * to disk before the client hears of it.
 * <p>
 * The checkpoint and WAL settings come from a measured run (BENCHMARKS.md, session 14): with
 * PostgreSQL's defaults one default bench run wrote 5.2 GB of WAL, so a checkpoint was requested
 * every 1 GB (9 of them), the checkpointer was writing for 577 s of the run's 16 minutes, and
 * after each checkpoint the first change to every page wrote the whole page to the WAL again
 * (112,320 full-page images); the 4 MB of WAL buffers filled 64,574 times, each time making a
 * committing backend write WAL itself.
 */
public final class PostgresServerSettings {

    private static final Map<String, String> SETTINGS;

    static {
        Map<String, String> s = new LinkedHashMap<>();
        // this is a record: every commit is on disk before it is acknowledged (zonky's default is fsync off)
        s.put("fsync", "on");
        s.put("synchronous_commit", "on");
        s.put("full_page_writes", "on");
        s.put("listen_addresses", "127.0.0.1");
        s.put("max_connections", "200");
        // checkpoints by time (every 15 min) rather than every 1 GB of WAL; at a newsroom's rates the
        // WAL stays near min_wal_size (80 MB), and only a bulk load or a replay lets it grow to 4 GB
        s.put("max_wal_size", "4GB");
        s.put("checkpoint_timeout", "15min");
        // PostgreSQL's largest automatic size (it picks 16 MB itself once shared_buffers is 512 MB or more)
        s.put("wal_buffers", "16MB");
        SETTINGS = Collections.unmodifiableMap(s);
    }

    private PostgresServerSettings() {
    }

    /** Setting name to value, in a stable order. */
    public static Map<String, String> settings() {
        return SETTINGS;
    }
}
