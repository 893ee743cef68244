package casetrack.command.store;

import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import casetrack.shared.audit.HashChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored events form a hash chain that exposes any change made behind the application's back. */
class TamperEvidenceTest extends CommandSideTest {

    private String caseId;

    @BeforeEach
    void aRecordedCase() {
        caseId = "tamper-" + UUID.randomUUID();
        CaseHistory.record(api, caseId, CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId));
    }

    private Optional<HashChain.Break> verify() {
        List<HashChain.ChainedEvent> events = jdbc.query("""
                SELECT aggregate_identifier, sequence_number, event_identifier, payload_type, payload_revision, payload, meta_data
                FROM events.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, i) -> HashChain.ChainedEvent.fromStored(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6), rs.getBytes(7)), caseId);
        return HashChain.verify(events);
    }

    /** As a superuser with triggers off: what an intruder with database access could do. */
    private void bypassingTheGuard(String sql) throws Exception {
        try (Connection c = jdbc.getDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute(sql);
            s.execute("SET session_replication_role = origin");
        }
    }

    @Test
    void anUntouchedCaseVerifies() {
        assertThat(verify()).isEmpty();
    }

    @Test
    void aPayloadAlteredInSqlFailsAtExactlyThatEvent() throws Exception {
        bypassingTheGuard("""
                UPDATE events.domain_event_entry
                SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '2001-06-05', '2001-06-06'), 'UTF8')
                WHERE aggregate_identifier = '%s' AND sequence_number = 12""".formatted(caseId));

        assertThat(verify()).get().satisfies(b -> {
            assertThat(b.sequence()).isEqualTo(12);
            assertThat(b.problem()).contains("content altered");
        });
    }

    @Test
    void aDeletedEventIsFoundWhereItWas() throws Exception {
        bypassingTheGuard("DELETE FROM events.domain_event_entry WHERE aggregate_identifier = '%s' AND sequence_number = 7"
                .formatted(caseId));

        assertThat(verify()).get().satisfies(b -> {
            assertThat(b.sequence()).isEqualTo(8);
            assertThat(b.problem()).contains("missing");
        });
    }

    @Test
    void theDatabaseRefusesUpdatesAndDeletesOfEvents() {
        assertThatThrownBy(() -> jdbc.update("UPDATE events.domain_event_entry SET payload_type = 'x' WHERE aggregate_identifier = ?", caseId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM events.domain_event_entry WHERE aggregate_identifier = ?", caseId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(storedEvents(caseId)).isEqualTo(17);
        assertThat(verify()).isEmpty();
    }
}
