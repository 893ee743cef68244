package casetrack.query.http;

import java.net.http.HttpResponse;
import java.util.Map;

import casetrack.query.live.CaseChangeHub;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read takes the case's version from the change notices this node heard, not from the table:
 * a case's summary is then answered from memory. What was heard is forgotten when the notice
 * listener reconnects, since notices may have been missed while it was away.
 */
class CaseVersionsFromNoticesTest extends QuerySideTest {

    @Autowired
    private CaseChangeHub hub;

    @Test
    void theVersionComesFromTheNoticesUntilTheListenerReconnects() {
        CaseHistory h = newCase("notices");
        String id = h.caseId();
        h.record(opened(id, "State v. Notices", "ID", "FBI", "officer-1", "Officer One", "2024-01-01"),
                charged(id, "charge-1", "2024-02-01"));
        awaitProjected(h);
        assertThat(versionShown(id)).isEqualTo(1);

        // the table says otherwise, behind the projections' back: the answer still follows the notices
        jdbc.update("UPDATE query.case_summary SET version = 7 WHERE case_id = :id", Map.of("id", id));
        try {
            assertThat(versionShown(id)).isEqualTo(1);
            h.record(arraigned(id, "2024-02-10"));
            awaitProjected(h);
            assertThat(versionShown(id)).as("the next step's notice").isEqualTo(2);

            jdbc.update("UPDATE query.case_summary SET version = 7 WHERE case_id = :id", Map.of("id", id));
            hub.reconnected();
            assertThat(versionShown(id)).as("after a reconnect the table is read again").isEqualTo(7);
        } finally {
            jdbc.update("UPDATE query.case_summary SET version = :v WHERE case_id = :id", Map.of("id", id, "v", h.version()));
            hub.reconnected();
        }
        assertThat(versionShown(id)).isEqualTo(h.version());
    }

    /** The version the answer's entity tag names: the version the node took the case to be at. */
    private long versionShown(String caseId) {
        HttpResponse<String> response = get("/api/cases/" + caseId);
        assertThat(response.statusCode()).isEqualTo(200);
        String etag = response.headers().firstValue("ETag").orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-v(\\d+)-").matcher(etag);
        assertThat(m.find()).as(etag).isTrue();
        return Long.parseLong(m.group(1));
    }
}
