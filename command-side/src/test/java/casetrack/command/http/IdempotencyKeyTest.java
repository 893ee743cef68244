package casetrack.command.http;

import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A retried request with the same Idempotency-Key records its step once and gets the first answer again. */
class IdempotencyKeyTest extends CommandSideTest {

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndRecordsNothingNew() {
        String caseId = "idem-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 2));
        String key = UUID.randomUUID().toString();
        String body = steps.get(2).fields().toString();

        Api.Answer first = api.command(caseId, "HoldHearing", body, Map.of("Idempotency-Key", key));
        Api.Answer retry = api.command(caseId, "HoldHearing", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents(caseId)).isEqualTo(3);
    }

    @Test
    void openingACaseTwiceWithOneKeyOpensOneCase() {
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", "x");
        var fields = steps.get(0).fields().deepCopy();
        fields.remove("caseId");
        String key = UUID.randomUUID().toString();

        Api.Answer first = api.post("/api/cases", fields.toString(), Map.of("Idempotency-Key", key));
        Api.Answer retry = api.post("/api/cases", fields.toString(), Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.body().get("caseId")).isEqualTo(first.body().get("caseId"));
        assertThat(storedEvents(first.body().get("caseId").asText())).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String caseId = "idem-other-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 2));
        String key = UUID.randomUUID().toString();
        api.command(caseId, "HoldHearing", steps.get(2).fields().toString(), Map.of("Idempotency-Key", key));

        Api.Answer other = api.command(caseId, "RemoveToFederalCourt", steps.get(3).fields().toString(), Map.of("Idempotency-Key", key));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents(caseId)).isEqualTo(3);
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsKey() {
        String caseId = "idem-refused-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 1));
        String key = UUID.randomUUID().toString();
        String hearing = steps.get(2).fields().toString();

        Api.Answer refused = api.command(caseId, "HoldHearing", hearing, Map.of("Idempotency-Key", key));
        CaseHistory.record(api, caseId, steps.subList(1, 2));
        Api.Answer retried = api.command(caseId, "HoldHearing", hearing, Map.of("Idempotency-Key", key));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(storedEvents(caseId)).isEqualTo(3);
    }

    @Test
    void concurrentRetriesWithOneKeyRecordOnce() throws Exception {
        String caseId = "idem-race-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 2));
        String key = UUID.randomUUID().toString();
        String body = steps.get(2).fields().toString();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(pool.submit(() -> api.command(caseId, "HoldHearing", body, Map.of("Idempotency-Key", key))));
        }
        for (Future<Api.Answer> answer : answers) {
            assertThat(answer.get().status()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(storedEvents(caseId)).isEqualTo(3);
    }
}
