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
 * A case's search vector ({@code query.case_search}) is rewritten only when its searchable words
 * change: a step that adds none leaves it as it was (and still updates the summary), a new defendant's name makes
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
        String rowVersionBefore = searchRowVersion(id);
        assertThat(casesFoundBy("quillfeather")).contains(id);

        h.record(statement(id, "A. Spokesman", "no new names here", "2024-01-05"));
        awaitProjected(h);
        assertThat(search(id)).isEqualTo(searchBefore);
        // not written again at all (the same transaction id wrote the row: no new row version, no new GIN entries)
        assertThat(searchRowVersion(id)).isEqualTo(rowVersionBefore);
        assertThat(jdbc.queryForObject("SELECT version FROM query.case_summary WHERE case_id = :id", Map.of("id", id), Long.class))
                .isEqualTo(1);

        String added = h.record(new DefendantAdded(id, new Defendant("officer-2", "Officer Thistlewick", "FBI", "special agent"),
                on("2024-02-01"), source("https://example.org/fictional/added"), null, null));
        awaitProjected(h);
        assertThat(search(id)).isNotEqualTo(searchBefore).contains("thistlewick");
        assertThat(searchRowVersion(id)).isNotEqualTo(rowVersionBefore);
        assertThat(casesFoundBy("thistlewick")).contains(id);
        assertThat(casesFoundBy("quillfeather")).contains(id);

        // retracting the step that named the second officer takes the name out of the search again
        h.record(retracted(id, added, "no second officer was charged", "2024-02-02"));
        awaitProjected(h);
        assertThat(casesFoundBy("thistlewick")).doesNotContain(id);
        assertThat(casesFoundBy("quillfeather")).contains(id);
    }

    private String search(String caseId) {
        return jdbc.queryForObject("SELECT search::text FROM query.case_search WHERE case_id = :id", Map.of("id", caseId), String.class);
    }

    /** The transaction that wrote the case's search row (PostgreSQL's xmin): a rewrite changes it. */
    private String searchRowVersion(String caseId) {
        return jdbc.queryForObject("SELECT xmin::text FROM query.case_search WHERE case_id = :id", Map.of("id", caseId), String.class);
    }

    private java.util.List<String> casesFoundBy(String word) {
        return jdbc.queryForList("SELECT case_id FROM query.case_search WHERE search @@ websearch_to_tsquery('english', :w)",
                Map.of("w", word), String.class);
    }
}
