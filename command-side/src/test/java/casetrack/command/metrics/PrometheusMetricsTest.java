package casetrack.command.metrics;

import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /actuator/prometheus (auditors only) shows command rates and latencies, and they move when a step
 * is recorded. Spring Boot turns metrics export off in tests unless asked: this test asks.
 */
@AutoConfigureObservability(tracing = false)
class PrometheusMetricsTest extends CommandSideTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void recordingAStepMovesTheCommandSeries() throws Exception {
        String caseId = "metrics-" + UUID.randomUUID();
        var steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        String before = scrape(Api.AUDITOR_TOKEN).body();
        double opened = value(before, "casetrack_commands_seconds_count", "command=\"OpenCase\"", "outcome=\"recorded\"");
        double charged = value(before, "casetrack_commands_seconds_count", "command=\"FileStateCharge\"", "outcome=\"recorded\"");
        double refused = value(before, "casetrack_commands_seconds_count", "command=\"unknown\"", "outcome=\"refused\"");
        double handled = unlabelled(before, "commandBus_successCounter_total");

        CaseHistory.record(api, caseId, steps.subList(0, 2));
        api.command(caseId, "NoSuchCommand", "{}");

        String after = scrape(Api.AUDITOR_TOKEN).body();
        assertThat(value(after, "casetrack_commands_seconds_count", "command=\"OpenCase\"", "outcome=\"recorded\"")).isEqualTo(opened + 1);
        assertThat(value(after, "casetrack_commands_seconds_count", "command=\"FileStateCharge\"", "outcome=\"recorded\"")).isEqualTo(charged + 1);
        assertThat(value(after, "casetrack_commands_seconds_count", "command=\"unknown\"", "outcome=\"refused\"")).isEqualTo(refused + 1);
        assertThat(value(after, "casetrack_commands_seconds_sum", "command=\"FileStateCharge\"", "outcome=\"recorded\"")).isPositive();
        assertThat(after).contains("casetrack_commands_seconds_bucket{");
        // Axon's command bus monitors (axon-micrometer, untagged: the per-command series is casetrack's own)
        // and Spring's HTTP server timings
        assertThat(unlabelled(after, "commandBus_successCounter_total")).isEqualTo(handled + 2);
        assertThat(after).contains("commandBus_successTimer_seconds_count ");
        assertThat(after).contains("http_server_requests_seconds_bucket{", "uri=\"/api/cases/{caseId}/commands/{commandName}\"");
    }

    @Test
    void onlyAuditorsMayScrape() throws Exception {
        assertThat(scrape(Api.EDITOR_TOKEN).statusCode()).isEqualTo(403);
        assertThat(scrape(null).statusCode()).isEqualTo(401);
    }

    /**
     * Micrometer's log-event counter is a Logback turbo filter, which every isDebugEnabled and
     * isTraceEnabled call of every library on the request path then consults (~5% of a command's
     * request-thread CPU in JFR); it is left out (application.yml), so a level check stays a comparison.
     */
    @Test
    void noTurboFilterSitsOnEveryLevelCheck() throws Exception {
        assertThat(((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getTurboFilterList())
                .isEmpty();
        HttpResponse<String> scrape = scrape(Api.AUDITOR_TOKEN);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes").doesNotContain("logback_events");
    }

    private HttpResponse<String> scrape(String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the first sample of {@code metric} whose labels contain every one of {@code labels}; 0 if none. */
    /** The value of a series without labels (0 when absent). */
    static double unlabelled(String scrape, String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static double value(String scrape, String metric, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
