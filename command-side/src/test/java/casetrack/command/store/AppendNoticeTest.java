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
        // both name themselves in pg_stat_activity, so an operator can tell them from the query side's
        assertThat(jdbc.queryForObject("SELECT current_setting('application_name')", String.class)).isEqualTo("casetrack-command-side");
        assertThat(jdbc.queryForList("SELECT application_name FROM pg_stat_activity WHERE datname = current_database()", String.class))
                .contains(AppendNotifier.APPLICATION_NAME);
    }

    @Test
    void commitsCloseTogetherShareOneNoticeAndTheFirstAfterAQuietSpellIsToldAtOnce() throws Exception {
        org.springframework.boot.autoconfigure.jdbc.DataSourceProperties db = new org.springframework.boot.autoconfigure.jdbc.DataSourceProperties();
        db.setUrl(TestDatabase.jdbcUrl());
        db.setUsername("postgres");
        db.setPassword("");
        AppendNotifier gathering = new AppendNotifier(db, 400);
        gathering.start();
        try {
            long t0 = System.nanoTime();
            gathering.appendCommitted();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> gathering.noticesSent() == 1);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("the first commit is told at once, not after the interval").isLessThan(300);
            for (int i = 0; i < 20; i++) {
                gathering.appendCommitted();
                Thread.sleep(5); // spreads the commits over 100 ms of the 400 ms interval (not a wait for a result)
            }
            // the twenty commits within the interval share the next notice
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> gathering.noticesSent() == 2);
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(600)).atMost(java.time.Duration.ofSeconds(2))
                    .until(() -> gathering.noticesSent() == 2);
        } finally {
            gathering.stop();
        }
    }
}
