package casetrack.query.replay;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secondary indexes of the projection tables, set aside for a full replay and built again once
 * the tables are full (migration {@code V1002}): the timeline's GIN index and b-trees, the
 * summaries' and the calendar's. Primary keys and unique constraints stay, so the projections stay
 * idempotent and a case's reads still find its rows (more slowly) meanwhile.
 * <p>
 * What was set aside is written down in the dropping transaction; a query side that starts and finds
 * anything there (killed during a replay) builds it before it reports ready.
 */
@Component
public class ReplayIndexes {

    private static final Logger log = LoggerFactory.getLogger(ReplayIndexes.class);

    private final JdbcTemplate jdbc;

    public ReplayIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Drops the secondary indexes of the rebuilt tables, noting their definitions; how many. */
    public int setAside() {
        Integer n = jdbc.queryForObject("SELECT query.set_aside_replay_indexes()", Integer.class);
        return n == null ? 0 : n;
    }

    /** Builds every index set aside (in one transaction: all or none); how many. */
    public int restore() {
        Integer n = jdbc.queryForObject("SELECT query.restore_replay_indexes()", Integer.class);
        return n == null ? 0 : n;
    }

    /** The names of the indexes set aside now. */
    public List<String> setAsideNow() {
        return jdbc.queryForList("SELECT index_name FROM query.replay_set_aside_index ORDER BY index_name", String.class);
    }

    @EventListener(ApplicationReadyEvent.class)
    void restoreAfterAnInterruptedReplay() {
        List<String> pending = setAsideNow();
        if (pending.isEmpty()) {
            return;
        }
        log.warn("indexes {} were set aside by a replay that did not finish here; building them again", pending);
        long start = System.nanoTime();
        restore();
        log.info("built {} indexes in {} ms", pending.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
