package casetrack.query.live;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers waiting for a version (the minVersion read-your-writes wait) are released by the change that reaches it. */
class CaseChangeHubTest {

    private final CaseChangeHub hub = new CaseChangeHub();

    @Test
    void aChangeReleasesEveryReaderWaitingForItsVersionOrLessAndKeepsTheOthers() {
        CompletableFuture<Long> three = hub.awaitVersion("case-1", 3);
        CompletableFuture<Long> alsoThree = hub.awaitVersion("case-1", 3);
        CompletableFuture<Long> five = hub.awaitVersion("case-1", 5);
        CompletableFuture<Long> otherCase = hub.awaitVersion("case-2", 1);

        hub.publish(new CaseChange("case-1", 4, "PublicStatementRecorded"));

        assertThat(three).isCompletedWithValue(4L);
        assertThat(alsoThree).isCompletedWithValue(4L);
        assertThat(five).isNotDone();
        assertThat(otherCase).isNotDone();

        hub.publish(new CaseChange("case-1", 5, "PublicStatementRecorded"));

        assertThat(five).isCompletedWithValue(5L);
    }

    @Test
    void everyLaterChangeStillReachesItsReaders() {
        for (long version = 0; version < 3; version++) {
            CompletableFuture<Long> waiting = hub.awaitVersion("case-1", version);
            hub.publish(new CaseChange("case-1", version, "PublicStatementRecorded"));
            assertThat(waiting).isCompletedWithValue(version);
        }
    }
}
