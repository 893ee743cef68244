package casetrack.query.dashboard;

import casetrack.query.live.CaseChange;
import casetrack.query.live.CaseChangeHub;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static casetrack.query.support.Steps.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cached projection position on the real projections: kept while nothing is heard, read again on a change or when too old. */
class PositionCacheTest extends QuerySideTest {

    @Autowired
    DashboardQueries queries;
    @Autowired
    NamedParameterJdbcTemplate namedJdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

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

    @Test
    void readersThatFindItStaleTogetherShareOneReading() throws Exception {
        AtomicInteger readings = new AtomicInteger();
        DashboardQueries slow = new DashboardQueries(namedJdbc, clock, transactions) {
            @Override
            public Position position() {
                readings.incrementAndGet();
                try {
                    Thread.sleep(200); // long enough for every reader below to find it stale meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.position();
            }
        };
        CaseChangeHub hub = new CaseChangeHub();
        PositionCache cache = new PositionCache(slow, hub, Duration.ofHours(1).toMillis());
        cache.current();
        CaseHistory h = newStep();
        hub.publish(new CaseChange(h.caseId(), h.version(), "CaseOpened"));
        readings.set(0);

        int readers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DashboardQueries.Position>> seen = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            seen.add(pool.submit(() -> {
                start.await();
                return cache.current();
            }));
        }
        start.countDown();
        DashboardQueries.Position now = queries.position();
        for (Future<DashboardQueries.Position> f : seen) {
            assertThat(f.get(10, TimeUnit.SECONDS)).as("read after the change was heard").isEqualTo(now);
        }
        pool.shutdown();
        assertThat(readings.get()).as("one reading for the readers that asked before it began, at most one more for those after")
                .isBetween(1, 2);
    }
}
