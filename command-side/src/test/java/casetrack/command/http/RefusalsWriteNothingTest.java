package casetrack.command.http;

import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets a clear problem+json answer with the right status, and no event is written. */
class RefusalsWriteNothingTest extends CommandSideTest {

    private String caseId;
    private List<CaseHistory.Step> horiuchi;

    @BeforeEach
    void openedAndCharged() {
        caseId = "refusals-" + UUID.randomUUID();
        horiuchi = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, horiuchi.subList(0, 2));
    }

    private ObjectNode step(String command) {
        return horiuchi.stream().filter(s -> s.command().equals(command)).findFirst().orElseThrow().fields().deepCopy();
    }

    private Api.Answer refused(String command, String body, int status) {
        long before = allStoredEvents();
        Api.Answer answer = api.command(caseId, command, body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("detail").asText()).isNotBlank();
        assertThat(answer.body().toString()).doesNotContain("Exception", "at casetrack.", "SQL");
        assertThat(allStoredEvents()).isEqualTo(before);
        return answer;
    }

    @Test
    void aConsistencyRuleRefusesWith422NamingTheRule() {
        Api.Answer answer = refused("RuleOnImmunity", step("RuleOnImmunity").toString(), 422);

        assertThat(answer.body().get("rule").asText()).isNotBlank();
        assertThat(answer.body().get("detail").asText()).contains("supremacy-clause");
    }

    @Test
    void aDecisionDatedBeforeTheFilingItDecidesIsRefused() {
        CaseHistory.record(api, caseId, List.of(horiuchi.get(3)));
        ObjectNode allow = step("AllowRemoval").put("occurredOn", "1997-12-01");

        refused("AllowRemoval", allow.toString(), 422);
    }

    @Test
    void malformedJsonIs400() {
        refused("AssertImmunity", "{\"claimId\": ", 400);
        refused("AssertImmunity", "[1,2]", 400);
        refused("AssertImmunity", "", 400);
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        Api.Answer answer = refused("AssertImmunity", step("AssertImmunity").put("judgeMood", "grumpy").toString(), 400);

        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("judgeMood");
    }

    @Test
    void anUnknownEnumValueIs400NamingTheField() {
        Api.Answer answer = refused("AssertImmunity", step("AssertImmunity").put("route", "PRAYER").toString(), 400);

        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("route");
    }

    @Test
    void aNestedFieldProblemNamesItsPath() {
        ObjectNode claim = step("AssertImmunity");
        ((ObjectNode) claim.get("sources").get(0)).put("url", "not a url");

        Api.Answer answer = refused("AssertImmunity", claim.toString(), 400);

        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("sources[0].url");
    }

    @Test
    void anOverLongStringIs400() {
        Api.Answer answer = refused("AssertImmunity", step("AssertImmunity").put("note", "x".repeat(4001)).toString(), 400);

        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("note");
    }

    @Test
    void aHugeBodyIs413() {
        refused("AssertImmunity", step("AssertImmunity").put("note", "x".repeat(300_000)).toString(), 413);
    }

    @Test
    void aFutureDateIs400() {
        String tomorrowYear = String.valueOf(LocalDate.now().getYear() + 1);
        Api.Answer answer = refused("AssertImmunity", step("AssertImmunity").put("occurredOn", tomorrowYear).toString(), 400);

        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("occurredOn");
    }

    @Test
    void anImpossibleDateIs400() {
        Api.Answer answer = refused("AssertImmunity", step("AssertImmunity").put("occurredOn", "1998-02-30").toString(), 400);

        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("occurredOn");
    }

    @Test
    void aMissingRequiredFieldIs400() {
        ObjectNode claim = step("AssertImmunity");
        claim.remove("sources");

        Api.Answer answer = refused("AssertImmunity", claim.toString(), 400);

        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("sources");
    }

    @Test
    void aMissingYesOrNoIs400RatherThanReadAsNo() {
        refused("DecideRehearingEnBanc", "{\"appealId\":\"a\",\"occurredOn\":\"2000\",\"sources\":[{\"url\":\"https://example.org\"}]}", 400);
    }

    @Test
    void aCaseIdInTheBodyThatDiffersFromThePathIs400() {
        refused("AssertImmunity", step("AssertImmunity").put("caseId", "another-case").toString(), 400);
    }

    @Test
    void anUnknownCommandIs404() {
        Api.Answer answer = refused("PardonEveryone", "{}", 404);

        assertThat(answer.body().get("detail").asText()).contains("FileStateCharge");
    }

    @Test
    void aCommandToAnUnknownCaseIs404() {
        long before = allStoredEvents();
        Api.Answer answer = api.command("no-such-case-" + UUID.randomUUID(), "AssertImmunity", step("AssertImmunity").toString());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void openingACaseWithAnIdInUseIs409() {
        long before = allStoredEvents();
        Api.Answer answer = api.openCase(horiuchi.get(0).fields().toString());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void aBadIfMatchIs400() {
        long before = allStoredEvents();
        Api.Answer answer = api.command(caseId, "AssertImmunity", step("AssertImmunity").toString(),
                java.util.Map.of("If-Match", "yesterday"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(allStoredEvents()).isEqualTo(before);
    }
}
