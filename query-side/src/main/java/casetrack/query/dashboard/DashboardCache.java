package casetrack.query.dashboard;

import java.time.Clock;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * The dashboard, computed once per projection position and day and then served from memory: a
 * newsroom that embeds it in a story gets its readers' traffic, and its figures change only when a
 * step lands (or the day turns, for upcoming and overdue dates). Each request takes the position
 * from {@link PositionCache} (read again after each case change this node hears of); when it moved,
 * one request recomputes while concurrent ones wait for that result instead of running the same
 * queries again. A dashboard is never older than the position the request took: it is computed in
 * a snapshot taken after it. It is rendered to JSON once, when computed, and every request until
 * the next computation is answered with those bytes: with its two calendars of up to 200 entries
 * each it is the largest answer of the read API, and writing it again for each reader was most of
 * a dashboard read's CPU.
 */
@Component
public class DashboardCache {

    /**
     * A computed dashboard: asked for at position {@code asked}, computed at {@code value.position()}
     * (the same or later), on {@code day}; {@code json} is {@code value.dashboard()} rendered by the
     * application's {@link ObjectMapper}, as the API serves it (not to be modified).
     */
    public record Entry(DashboardQueries.AtPosition value, LocalDate day, DashboardQueries.Position asked, byte[] json) {
    }

    private final DashboardQueries queries;
    private final ObjectMapper mapper;
    private final PositionCache positions;
    private final Clock clock;
    private final Object computing = new Object();
    private volatile Entry current;

    public DashboardCache(DashboardQueries queries, PositionCache positions, Clock clock, ObjectMapper mapper) {
        this.queries = queries;
        this.mapper = mapper;
        this.positions = positions;
        this.clock = clock;
    }

    /** The dashboard as of at least the projections' current position, today. */
    public Entry get() {
        DashboardQueries.Position seen = positions.current();
        LocalDate today = LocalDate.now(clock);
        Entry entry = current;
        if (fresh(entry, seen, today)) {
            return entry;
        }
        synchronized (computing) {
            entry = current;
            if (fresh(entry, seen, today)) {
                return entry;
            }
            DashboardQueries.AtPosition value = queries.dashboardAtPosition();
            entry = new Entry(value, today, seen, render(value.dashboard()));
            current = entry;
            return entry;
        }
    }

    private byte[] render(DashboardQueries.Dashboard dashboard) {
        try {
            return mapper.writeValueAsBytes(dashboard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the dashboard", e);
        }
    }

    /**
     * Computed today, and the position seen now lies between the one it was asked for and the one it
     * was computed at: requests that queued behind a computation take its result, a later step or a
     * rebuild (positions go back) makes the next request compute again.
     */
    private static boolean fresh(Entry entry, DashboardQueries.Position seen, LocalDate today) {
        return entry != null && entry.day().equals(today) && notAfter(entry.asked(), seen) && notAfter(seen, entry.value().position());
    }

    private static boolean notAfter(DashboardQueries.Position a, DashboardQueries.Position b) {
        return a.steps() <= b.steps() && a.lastGlobalIndex() <= b.lastGlobalIndex();
    }
}
