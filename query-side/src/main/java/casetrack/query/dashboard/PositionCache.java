package casetrack.query.dashboard;

import casetrack.query.live.CaseChangeHub;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The projections' position ({@link DashboardQueries#position()}, an aggregate over every case
 * summary) as of the last case change this node heard of. Every conditional read (dashboard, case
 * list, search) needs it; computing it per request made PostgreSQL scan all summaries for each
 * reader. It is read again once a change notice arrives (they come from every node, at commit),
 * after the listener reconnects, and at the latest after {@code casetrack.query.position-cache-millis}
 * (default 250 ms), which also bounds how long a lost notice or a rebuild goes unseen.
 * <p>
 * One reader reads it again at a time; readers that found it stale meanwhile take the position it
 * read, which was read after they asked. Each reading had been its own query: at 32 dashboard
 * readers, 32 aggregates over every summary at once, every 250 ms, kept PostgreSQL on a core and put
 * 333 ms on the reads' p99.
 */
@Component
public class PositionCache {

    private record Seen(DashboardQueries.Position position, long changes, long atNanos) {
    }

    private final DashboardQueries queries;
    private final CaseChangeHub hub;
    private final long maxAgeNanos;
    private final Object reading = new Object();
    private volatile Seen seen;

    public PositionCache(DashboardQueries queries, CaseChangeHub hub,
                         @Value("${casetrack.query.position-cache-millis:250}") long maxAgeMillis) {
        this.queries = queries;
        this.hub = hub;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
    }

    /** The position, read again if a change was heard of since, or it is older than the maximum age. */
    public DashboardQueries.Position current() {
        Seen s = seen;
        long now = System.nanoTime();
        if (s != null && s.changes() == hub.changesHeard() && now - s.atNanos() < maxAgeNanos) {
            return s.position();
        }
        synchronized (reading) {
            s = seen;
            if (s != null && s.atNanos() - now >= 0) {
                return s.position(); // read by another reader after this one asked
            }
            // the count and the time are taken before the query: a change heard while it runs makes the
            // next reader query again, and readers who asked before it began may take its result
            long changes = hub.changesHeard();
            long startedAt = System.nanoTime();
            DashboardQueries.Position position = queries.position();
            seen = new Seen(position, changes, startedAt);
            return position;
        }
    }
}
