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
 */
@Component
public class PositionCache {

    private record Seen(DashboardQueries.Position position, long changes, long atNanos) {
    }

    private final DashboardQueries queries;
    private final CaseChangeHub hub;
    private final long maxAgeNanos;
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
        // the count is taken before the query: a change heard while it runs makes the next reader query again
        long changes = hub.changesHeard();
        DashboardQueries.Position position = queries.position();
        seen = new Seen(position, changes, now);
        return position;
    }
}
