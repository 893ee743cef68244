package casetrack.query.dashboard;

import casetrack.query.live.CaseChange;
import casetrack.query.live.CaseChangeHub;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static casetrack.query.support.Steps.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cached projection position on the real projections: kept while nothing is heard, read again on a change or when too old. */
class PositionCacheTest extends QuerySideTest {

    @Autowired
    DashboardQueries queries;

    private CaseHistory newStep() {
        CaseHistory h = newCase("position");
        h.record(opened(h.caseId(), "State v. position", "ID", "FBI", "officer-1", "Officer position", "2020-05-01"));
        awaitProjected(h);
        return h;
    }

    @Test
    void keepsThePositionUntilItHearsOfAChange() {
        CaseChangeHub hub = new CaseChangeHub(); // hears only what this test publishes
        PositionCache cache = new PositionCache(queries, hub, Duration.ofHours(1).toMillis());
        DashboardQueries.Position before = cache.current();

        CaseHistory h = newStep();
        assertThat(queries.position()).isNotEqualTo(before);
        assertThat(cache.current()).as("nothing heard, not too old: the cached position").isEqualTo(before);

        hub.publish(new CaseChange(h.caseId(), h.version(), "CaseOpened"));
        assertThat(cache.current()).as("a change was heard: read again").isEqualTo(queries.position());
    }

    @Test
    void readsAgainOnceTooOldEvenWithoutANotice() {
        PositionCache cache = new PositionCache(queries, new CaseChangeHub(), 200);
        DashboardQueries.Position before = cache.current();
        newStep();
        await().atMost(Duration.ofSeconds(2)).until(() -> !cache.current().equals(before));
        assertThat(cache.current()).isEqualTo(queries.position());
    }

    @Test
    void aReconnectedListenerMakesItReadAgain() {
        CaseChangeHub hub = new CaseChangeHub();
        PositionCache cache = new PositionCache(queries, hub, Duration.ofHours(1).toMillis());
        DashboardQueries.Position before = cache.current();
        newStep();
        hub.reconnected();
        assertThat(cache.current()).isNotEqualTo(before).isEqualTo(queries.position());
    }
}
