package casetrack.command.http;

import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import casetrack.shared.command.CommandCatalog;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command of the catalogue is reachable by its name and validated field by field, never a 404 or a 500. */
class EveryCommandIsRoutableTest extends CommandSideTest {

    @Test
    void anEmptyBodyForAnyCommandIsA400NamingTheMissingFields() {
        String caseId = "routes-" + UUID.randomUUID();
        CaseHistory.record(api, caseId, CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId).subList(0, 1));
        long before = allStoredEvents();

        for (String name : CommandCatalog.names()) {
            if (name.equals("OpenCase")) {
                continue;
            }
            Api.Answer answer = api.command(caseId, name, "{}");

            assertThat(answer.status()).as(name + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().get("errors")).as(name).isNotEmpty();
        }
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void openCaseIsOnlyReachedThroughPostApiCases() {
        String caseId = "routes-open-" + UUID.randomUUID();

        Api.Answer answer = api.command(caseId, "OpenCase", "{}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("detail").asText()).contains("POST /api/cases");
    }
}
