package casetrack.command.http;

import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** If-Match makes writers that read the same version race fairly: exactly one wins, the others learn why. */
class ConcurrentWritesTest extends CommandSideTest {

    @Test
    void aStaleIfMatchIs412AndWritesNothing() {
        String caseId = "stale-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 2));

        Api.Answer answer = api.command(caseId, "HoldHearing", steps.get(2).fields().toString(), Map.of("If-Match", "\"0\""));

        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.body().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(storedEvents(caseId)).isEqualTo(2);
    }

    @Test
    void aMatchingIfMatchIsAccepted() {
        String caseId = "fresh-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 2));

        Api.Answer answer = api.command(caseId, "HoldHearing", steps.get(2).fields().toString(), Map.of("If-Match", "\"1\""));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void twoWritersWithTheSameIfMatchExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String caseId = "race-" + UUID.randomUUID();
            List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
            CaseHistory.record(api, caseId, steps.subList(0, 2));
            String statement = "{\"speaker\":\"%s\",\"quote\":\"We will appeal.\",\"occurredOn\":\"1998\","
                    + "\"sources\":[{\"url\":\"https://example.org/fictional\"}]}";

            int writers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = statement.formatted("writer " + i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.command(caseId, "RecordPublicStatement", body, Map.of("If-Match", "\"1\""));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Answer> a : answers) {
                statuses.add(a.get().status());
            }
            pool.shutdown();

            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409 || s == 412);
            assertThat(storedEvents(caseId)).isEqualTo(3);
        }
    }
}
