package casetrack.query.store;

import casetrack.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side's connections commit without waiting for the WAL flush: all they write can be rebuilt. */
class QueryConnectionsTest extends QuerySideTest {

    @Test
    void projectionCommitsDoNotWaitForTheWalFlush() {
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", Map.of(), String.class)).isEqualTo("off");
    }
}
