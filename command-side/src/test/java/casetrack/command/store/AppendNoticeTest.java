package casetrack.command.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import casetrack.command.support.TestDatabase;
import casetrack.shared.event.AppendNotices;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readers of the event store hear of a recorded step right after it committed, from the
 * command side's notifier; the appending transactions themselves carry no NOTIFY (their sessions
 * say the writer notifies after its commit, so the event table's trigger stays quiet).
 */
class AppendNoticeTest extends CommandSideTest {

    @Autowired
    private AppendNotifier notifier;

    @Test
    void aRecordedStepIsAnnouncedOnTheChannelOnceItCommitted() throws Exception {
        try (Connection listener = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "")) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + AppendNotices.CHANNEL);
            }
            long sentBefore = notifier.noticesSent();
            String caseId = "notice-" + UUID.randomUUID();
            var steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
            CaseHistory.record(api, caseId, steps.subList(0, 2));

            PGNotification[] heard = listener.unwrap(PGConnection.class).getNotifications(5000);
            assertThat(heard).isNotNull().isNotEmpty();
            assertThat(heard[0].getName()).isEqualTo(AppendNotices.CHANNEL);
            assertThat(notifier.noticesSent()).isGreaterThan(sentBefore);
        }
        // the pool's sessions, which append the events, leave the notice to the notifier
        assertThat(jdbc.queryForObject("SELECT current_setting('" + AppendNotices.WRITER_NOTIFIES + "', true)", String.class))
                .isEqualTo("on");
    }
}
