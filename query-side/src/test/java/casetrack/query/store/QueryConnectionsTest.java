package casetrack.query.store;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static casetrack.query.support.Steps.opened;
import static casetrack.query.support.Steps.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the query side's connections are set up: named in pg_stat_activity, commits that do not
 * wait for the WAL flush (all they write can be rebuilt), and prepared statements planned once per
 * connection, not per execution.
 */
class QueryConnectionsTest extends QuerySideTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void projectionCommitsDoNotWaitForTheWalFlush() {
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", Map.of(), String.class)).isEqualTo("off");
    }

    /** An operator (and the bench's wait-event sampler) tells the query side's sessions from the command side's. */
    @Test
    void thePoolsSessionsNameTheQuerySide() {
        assertThat(jdbc.queryForObject("SELECT current_setting('application_name')", Map.of(), String.class))
                .isEqualTo("casetrack-query-side");
    }

    /**
     * The projections' batched statements take their rows as arrays ({@code unnest(?)}): with a
     * custom plan PostgreSQL knows how many rows each array holds, so it rated every custom plan
     * cheaper than the generic one and planned the statement again on every execution (for the
     * summaries' update about a third of its time; BENCHMARKS.md, session 10). Steps recorded one at
     * a time, each its own batch, must leave the batch's statements on every pooled connection with
     * generic plans only.
     */
    @Test
    void preparedStatementsArePlannedOncePerConnection() throws Exception {
        CaseHistory h = newCase("plans");
        String id = h.caseId();
        h.record(opened(id, "State v. Plannington (fictional)", "ID", "FBI", "officer-1", "Officer Plannington", "2024-01-01"));
        awaitProjected(h);
        for (int i = 0; i < 30; i++) {
            h.record(statement(id, "A. Spokesman (fictional)", "statement " + i, "2024-02-01"));
            awaitProjected(h);
        }

        Map<String, long[]> plans = new LinkedHashMap<>(); // statement -> {generic, custom}, over every connection
        int connections = ((HikariDataSource) dataSource).getMaximumPoolSize();
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                borrowed.add(dataSource.getConnection());
            }
            for (Connection c : borrowed) {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")) {
                    while (r.next()) {
                        long[] counts = plans.computeIfAbsent(r.getString(1).strip(), k -> new long[2]);
                        counts[0] += r.getLong(2);
                        counts[1] += r.getLong(3);
                    }
                }
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }

        // the statements each step's batch writes, all of them taking their rows as arrays
        List<String> batchStatements = List.of("INSERT INTO query.timeline_entry", "INSERT INTO query.event_delivery",
                "UPDATE query.case_summary", "SELECT pg_notify");
        for (String start : batchStatements) {
            List<long[]> counts = plans.entrySet().stream().filter(e -> e.getKey().startsWith(start)).map(Map.Entry::getValue).toList();
            assertThat(counts).as("prepared on some pooled connection: " + start + " in " + plans.keySet()).isNotEmpty();
            assertThat(counts.stream().mapToLong(c -> c[0]).sum()).as("generic plans of " + start).isPositive();
            assertThat(counts.stream().mapToLong(c -> c[1]).sum()).as("plans made for one execution's values: " + start).isZero();
        }
    }
}
