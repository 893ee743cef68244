package casetrack.query.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.opened;
import static casetrack.query.support.Steps.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Projection lag: time from an append's commit to the case summary showing it, on one node.
 * Prints p50/p99; fails only if a step takes longer than the 2 s an editor's minVersion waits.
 */
class ProjectionLagTest extends QuerySideTest {

    @Test
    void aRecordedStepReachesTheSummaryWithinTheReadYourWritesWait() {
        CaseHistory h = newCase("lag");
        h.record(opened(h.caseId(), "State v. Lag", "ID", "FBI", "o-1", "Officer Lag", "2020-01-01"));
        awaitProjected(h);
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            h.record(statement(h.caseId(), "Spokesman", "statement " + i, "2020-02-01"));
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                    .until(() -> summaryVersion(h.caseId()) == h.version());
            lags.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> sorted = lags.stream().sorted().toList();
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        System.out.printf("projection lag over %d steps: p50 %d ms, p99 %d ms, max %d ms%n", sorted.size(), p50, p99,
                sorted.get(sorted.size() - 1));
        assertThat(p99).isLessThan(2000);
    }
}
