package casetrack.query.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import casetrack.query.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event table's insert trigger (shared-events migrations V3 and V1002), with the services' own roles:
 * an append by {@code casetrack_command} notifies a {@code casetrack_query} listener on
 * {@code casetrack_events} once per transaction, at commit; a rolled-back append notifies nothing;
 * a writer whose session says it notifies after its own commit (the command side) gets no notice
 * from the trigger.
 */
class EventAppendNotificationTest {

    private static final String DATABASE = "appendnotify";
    private Connection listener;
    private Connection writer;

    @BeforeEach
    void connect() throws SQLException {
        String url = TestDatabase.url(DATABASE);
        listener = DriverManager.getConnection(url, TestDatabase.USER, "");
        try (Statement s = listener.createStatement()) {
            // the role the query side listens as (migration V2): LISTEN needs no grant
            s.execute("SET ROLE casetrack_query");
            s.execute("LISTEN " + EventAppendListener.CHANNEL);
        }
        writer = DriverManager.getConnection(url, TestDatabase.USER, "");
        try (Statement s = writer.createStatement()) {
            // the role the command side appends as (migration V2), with only its grants
            s.execute("SET ROLE casetrack_command");
        }
        writer.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        listener.close();
    }

    private void append(String caseId, long sequence) throws SQLException {
        try (PreparedStatement insert = writer.prepareStatement("""
                INSERT INTO events.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Case', '2025-01-01T00:00:00Z', 'casetrack.Test', '1', '{}'::bytea, '{}'::bytea)
                """)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, caseId);
            insert.setLong(3, sequence);
            insert.executeUpdate();
        }
    }

    /** Every notification that arrives within the wait (the wait ends early once one has come). */
    private List<PGNotification> notificationsWithin(int millis) throws SQLException {
        List<PGNotification> received = new ArrayList<>();
        PGNotification[] first = listener.unwrap(PGConnection.class).getNotifications(millis);
        if (first != null) {
            received.addAll(List.of(first));
            PGNotification[] more = listener.unwrap(PGConnection.class).getNotifications(200);
            if (more != null) {
                received.addAll(List.of(more));
            }
        }
        return received;
    }

    @Test
    void anAppendNotifiesOncePerTransactionWhenItCommits() throws SQLException {
        String caseId = "notify-" + UUID.randomUUID();
        append(caseId, 0);
        append(caseId, 1);
        assertThat(notificationsWithin(300)).as("before commit").isEmpty();

        writer.commit();

        List<PGNotification> received = notificationsWithin(5000);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getName()).isEqualTo(EventAppendListener.CHANNEL);
    }

    @Test
    void aRolledBackAppendNotifiesNothing() throws SQLException {
        append("rolled-back-" + UUID.randomUUID(), 0);
        writer.rollback();

        assertThat(notificationsWithin(500)).isEmpty();
    }

    @Test
    void aWriterThatNotifiesAfterItsCommitGetsNoNoticeFromTheTrigger() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("SET " + casetrack.shared.event.AppendNotices.WRITER_NOTIFIES + " = 'on'");
        }
        append("self-notified-" + UUID.randomUUID(), 0);
        writer.commit();

        assertThat(notificationsWithin(500)).as("the trigger stays quiet for it").isEmpty();
    }
}
