package casetrack.command.store;

import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import casetrack.command.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL's own privileges: the command side may append events, the query side may only read them. */
class DatabaseRolesTest extends CommandSideTest {

    private Connection as(String role) throws SQLException {
        return DriverManager.getConnection(TestDatabase.jdbcUrl(), role, "");
    }

    @Test
    void theQuerySideRoleReadsEventsButCannotWriteThem() throws Exception {
        String caseId = "roles-" + UUID.randomUUID();
        CaseHistory.record(api, caseId, CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId).subList(0, 2));

        try (Connection query = as("casetrack_query"); Statement s = query.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events.domain_event_entry WHERE aggregate_identifier = '" + caseId + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
            assertThatThrownBy(() -> s.execute("INSERT INTO events.domain_event_entry (event_identifier, aggregate_identifier, "
                    + "sequence_number, time_stamp, payload_type, payload) VALUES ('x', 'y', 0, 'now', 't', 'p')"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM events.domain_event_entry"))
                    .hasMessageContaining("permission denied");
        }
        assertThat(storedEvents(caseId)).isEqualTo(2);
    }

    @Test
    void theCommandSideRoleAppendsButCannotRewrite() throws Exception {
        String caseId = "roles-cmd-" + UUID.randomUUID();
        CaseHistory.record(api, caseId, CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId).subList(0, 1));

        try (Connection command = as("casetrack_command"); Statement s = command.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE events.domain_event_entry SET payload_type = 'x' "
                    + "WHERE aggregate_identifier = '" + caseId + "'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM events.domain_event_entry WHERE aggregate_identifier = '" + caseId + "'"))
                    .hasMessageContaining("permission denied");
            s.execute("BEGIN");
            s.execute("INSERT INTO events.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                    + "time_stamp, payload_type, payload) VALUES ('" + UUID.randomUUID() + "', 'role-probe', 0, 'now', 't', 'p')");
            s.execute("ROLLBACK");
        }
        assertThat(storedEvents(caseId)).isEqualTo(1);
    }
}
