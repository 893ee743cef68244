package casetrack.query.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A full replay sets the projection tables' secondary indexes aside and builds them again before it
 * says the tables are rebuilt; a query side that finds indexes set aside when it starts (killed
 * during a replay) builds them; only a plain index definition is ever run from the notes.
 */
class ReplayIndexesTest extends QuerySideTest {

    private static final List<String> SECONDARY = List.of("calendar_entry_due_on", "case_search_search", "case_summary_agency",
            "case_summary_stage", "case_summary_state", "timeline_entry_global_index", "timeline_entry_order",
            "timeline_entry_search", "timeline_entry_type");

    @Autowired
    ReplayIndexes indexes;

    /** One column of {@code pg_indexes} for every index of the projection tables, in name order. */
    private List<String> projectionIndexes(String column) {
        return jdbc.getJdbcTemplate().queryForList("SELECT " + column + " FROM pg_indexes WHERE schemaname = 'query' "
                + "AND tablename IN ('case_summary', 'case_search', 'timeline_entry', 'calendar_entry') ORDER BY indexname", String.class);
    }

    private List<String> projectionIndexes() {
        return projectionIndexes("indexdef");
    }

    private List<String> projectionIndexNames() {
        return projectionIndexes("indexname");
    }

    @Test
    void aReplayBuildsTheIndexesItSetAsideBeforeItSaysRebuilt() {
        CaseHistory h = newCase("indexes");
        String id = h.caseId();
        h.record(opened(id, "State v. Indexes (fictional)", "ID", "FBI", "o-1", "Officer Indexes", "2020-01-01"),
                charged(id, "charge-1", "2020-02-01"));
        awaitProjected(h);
        List<String> before = projectionIndexes();
        assertThat(projectionIndexNames()).containsAll(SECONDARY);

        assertThat(post("/api/admin/replay").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(getJson("/api/admin/replay").path("state").asText()).isEqualTo("DONE"));

        JsonNode done = getJson("/api/admin/replay");
        assertThat(done.path("indexesSetAside").asInt()).as(done.toString()).isEqualTo(SECONDARY.size());
        assertThat(done.path("indexSeconds").isNumber()).as(done.toString()).isTrue();
        assertThat(done.path("checksumsEqual").asBoolean()).as(done.toString()).isTrue();
        assertThat(projectionIndexes()).isEqualTo(before);
        assertThat(indexes.setAsideNow()).isEmpty();
    }

    @Test
    void indexesSetAsideByAnInterruptedReplayAreBuiltAtTheNextStartAndTheProjectionsWorkMeanwhile() {
        List<String> before = projectionIndexes();
        try {
            assertThat(indexes.setAside()).isEqualTo(SECONDARY.size());
            assertThat(indexes.setAsideNow()).containsExactlyElementsOf(SECONDARY);
            assertThat(projectionIndexNames()).as("primary keys and unique constraints stay")
                    .containsExactly("calendar_entry_pkey", "case_search_pkey", "case_summary_pkey", "timeline_entry_case_sequence",
                            "timeline_entry_pkey");

            // steps are still projected and read while the indexes are aside
            CaseHistory h = newCase("aside");
            String id = h.caseId();
            h.record(opened(id, "State v. Aside (fictional)", "ID", "FBI", "o-1", "Officer Aside", "2020-01-01"));
            awaitProjected(h);
            assertThat(get("/api/cases/" + id + "/timeline").statusCode()).isEqualTo(200);

            // what a starting query side does (ApplicationReadyEvent)
            indexes.restoreAfterAnInterruptedReplay();
            assertThat(projectionIndexes()).isEqualTo(before);
            assertThat(indexes.setAsideNow()).isEmpty();
        } finally {
            indexes.restore();
        }
    }

    @Test
    void theRestoreRunsNothingButAPlainIndexOnAProjectionTable() {
        jdbc.getJdbcTemplate().update("INSERT INTO query.replay_set_aside_index (index_name, table_name, definition) VALUES (?, ?, ?)",
                "timeline_entry_sneaky", "timeline_entry",
                "CREATE INDEX timeline_entry_sneaky ON query.timeline_entry USING btree (case_id); DROP TABLE query.token_entry");
        try {
            assertThatThrownBy(() -> indexes.restore()).hasMessageContaining("not a plain index on a projection table");
            assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT to_regclass('query.token_entry') IS NOT NULL", Boolean.class)).isTrue();
            assertThat(projectionIndexNames()).doesNotContain("timeline_entry_sneaky");
        } finally {
            jdbc.getJdbcTemplate().update("DELETE FROM query.replay_set_aside_index WHERE index_name = 'timeline_entry_sneaky'");
        }
    }

    @Test
    void theQueryRoleMayCallTheTwoFunctionsButNeverWriteTheDefinitionsTheyRun() {
        Boolean roles = jdbc.getJdbcTemplate().queryForObject(
                "SELECT count(*) = 2 FROM pg_roles WHERE rolname IN ('casetrack_query', 'casetrack_command')", Boolean.class);
        assumeThat(roles).as("the service roles exist where the migrating user may create them").isTrue();
        Map<String, Object> privileges = jdbc.getJdbcTemplate().queryForMap("""
                SELECT has_function_privilege('casetrack_query', 'query.set_aside_replay_indexes()', 'EXECUTE') AS query_sets_aside,
                       has_function_privilege('casetrack_query', 'query.restore_replay_indexes()', 'EXECUTE') AS query_restores,
                       has_function_privilege('casetrack_command', 'query.set_aside_replay_indexes()', 'EXECUTE') AS command_sets_aside,
                       has_function_privilege('casetrack_command', 'query.restore_replay_indexes()', 'EXECUTE') AS command_restores,
                       has_table_privilege('casetrack_query', 'query.replay_set_aside_index', 'SELECT') AS query_reads,
                       has_table_privilege('casetrack_query', 'query.replay_set_aside_index', 'INSERT') AS query_inserts,
                       has_table_privilege('casetrack_query', 'query.replay_set_aside_index', 'UPDATE') AS query_updates
                """);
        assertThat(privileges).containsEntry("query_sets_aside", true).containsEntry("query_restores", true)
                .containsEntry("command_sets_aside", false).containsEntry("command_restores", false)
                .containsEntry("query_reads", true).containsEntry("query_inserts", false).containsEntry("query_updates", false);
    }
}
