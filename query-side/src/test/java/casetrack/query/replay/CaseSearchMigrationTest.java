package casetrack.query.replay;

import java.util.List;

import casetrack.query.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database migrated before the search vectors moved out of the summaries (V1003) keeps every
 * case findable: each case's vector is copied as it was, the summary loses the column, and an index
 * that a replay interrupted before the upgrade had set aside on that column is not built again.
 */
class CaseSearchMigrationTest {

    @Test
    void searchVectorsMoveToTheirOwnTableAndAStaleSetAsideIndexIsForgotten() {
        String url = TestDatabase.url("casetrack_migration_v1003");
        Flyway before = flyway(url).target("1002").load();
        before.migrate();
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, TestDatabase.USER, "", true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            jdbc.update("""
                    INSERT INTO query.case_summary (case_id, title, stage, is_open, version, last_global_index, file, search)
                    VALUES ('fictional-1', 'State v. Marrowby (fictional)', 'CHARGED', true, 3, 10, '{}',
                            to_tsvector('english', 'State v. Marrowby (fictional) Officer Marrowby special agent'))
                    """);
            // a replay killed after setting the indexes aside, before the upgrade
            jdbc.update("INSERT INTO query.replay_set_aside_index (index_name, table_name, definition) "
                    + "SELECT 'case_summary_search', 'case_summary', pg_get_indexdef('query.case_summary_search'::regclass)");
            jdbc.update("INSERT INTO query.replay_set_aside_index (index_name, table_name, definition) "
                    + "SELECT 'case_summary_stage', 'case_summary', pg_get_indexdef('query.case_summary_stage'::regclass)");
            jdbc.execute("DROP INDEX query.case_summary_search");
            jdbc.execute("DROP INDEX query.case_summary_stage");
            String vector = jdbc.queryForObject("SELECT search::text FROM query.case_summary WHERE case_id = 'fictional-1'", String.class);

            flyway(url).load().migrate();

            assertThat(jdbc.queryForObject("SELECT search::text FROM query.case_search WHERE case_id = 'fictional-1'", String.class))
                    .isEqualTo(vector);
            assertThat(jdbc.queryForList("SELECT case_id FROM query.case_search WHERE search @@ websearch_to_tsquery('english', 'marrowby')",
                    String.class)).containsExactly("fictional-1");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'query' "
                    + "AND table_name = 'case_summary' AND column_name = 'search'", Long.class)).isZero();
            // the stale note is gone; the other one is still waiting, and the restore now builds it
            assertThat(jdbc.queryForList("SELECT index_name FROM query.replay_set_aside_index", String.class))
                    .containsExactly("case_summary_stage");
            assertThat(jdbc.queryForObject("SELECT query.restore_replay_indexes()", Integer.class)).isEqualTo(1);
            List<String> indexes = jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'query' "
                    + "AND tablename IN ('case_summary', 'case_search') ORDER BY indexname", String.class);
            assertThat(indexes).containsExactly("case_search_pkey", "case_search_search", "case_summary_agency",
                    "case_summary_pkey", "case_summary_stage", "case_summary_state");
        } finally {
            ds.destroy();
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, TestDatabase.USER, "").locations("classpath:db/query")
                .schemas("query").defaultSchema("query").table("flyway_history_query");
    }
}
