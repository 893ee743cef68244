package casetrack.query.cases;

import java.util.Map;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.event.DefendantAdded;
import casetrack.shared.value.Defendant;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary's search vector is rewritten only when the case's searchable words change: a step
 * that adds none keeps it (and still updates the rest of the row), a new defendant's name makes
 * the case findable by it, and retracting that step makes it unfindable by the name again.
 */
class SummarySearchTest extends QuerySideTest {

    @Test
    void aStepWithoutNewWordsKeepsTheSearchAndANewDefendantIsFoundByName() {
        CaseHistory h = newCase("search");
        String id = h.caseId();
        h.record(opened(id, "State v. Quillfeather (fictional)", "ID", "FBI", "officer-1", "Officer Quillfeather", "2024-01-01"));
        awaitProjected(h);
        String searchBefore = search(id);
        assertThat(casesFoundBy("quillfeather")).contains(id);

        h.record(statement(id, "A. Spokesman", "no new names here", "2024-01-05"));
        awaitProjected(h);
        assertThat(search(id)).isEqualTo(searchBefore);
        assertThat(jdbc.queryForObject("SELECT version FROM query.case_summary WHERE case_id = :id", Map.of("id", id), Long.class))
                .isEqualTo(1);

        String added = h.record(new DefendantAdded(id, new Defendant("officer-2", "Officer Thistlewick", "FBI", "special agent"),
                on("2024-02-01"), source("https://example.org/fictional/added"), null, null));
        awaitProjected(h);
        assertThat(search(id)).isNotEqualTo(searchBefore).contains("thistlewick");
        assertThat(casesFoundBy("thistlewick")).contains(id);
        assertThat(casesFoundBy("quillfeather")).contains(id);

        // retracting the step that named the second officer takes the name out of the search again
        h.record(retracted(id, added, "no second officer was charged", "2024-02-02"));
        awaitProjected(h);
        assertThat(casesFoundBy("thistlewick")).doesNotContain(id);
        assertThat(casesFoundBy("quillfeather")).contains(id);
    }

    private String search(String caseId) {
        return jdbc.queryForObject("SELECT search::text FROM query.case_summary WHERE case_id = :id", Map.of("id", caseId), String.class);
    }

    private java.util.List<String> casesFoundBy(String word) {
        return jdbc.queryForList("SELECT case_id FROM query.case_summary WHERE search @@ websearch_to_tsquery('english', :w)",
                Map.of("w", word), String.class);
    }
}
