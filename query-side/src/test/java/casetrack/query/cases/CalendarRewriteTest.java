package casetrack.query.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.value.CaseOutcome;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.ProceedingKind;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case's rows in {@code query.calendar_entry} are rewritten only by a step that changes its dates
 * ahead: a statement leaves them as they were (not written again), a scheduled hearing adds one,
 * and closing the case takes them all away.
 */
class CalendarRewriteTest extends QuerySideTest {

    @Test
    void onlyAStepThatChangesTheDatesAheadRewritesTheCalendar() {
        CaseHistory h = newCase("calendar");
        String id = h.caseId();
        h.record(opened(id, "State v. Fernhollow (fictional)", "ID", "FBI", "officer-1", "Officer Fernhollow", "2024-01-01"));
        h.record(charged(id, "charge-1", "2024-01-10"));
        h.record(arraigned(id, "2024-02-10"));
        awaitProjected(h);
        assertThat(entries(id)).containsExactly("removal-deadline:officer-1 2024-03-11");
        List<String> rowVersions = rowVersions(id);

        h.record(statement(id, "A. Spokesman", "no dates here", "2024-02-12"));
        awaitProjected(h);
        assertThat(entries(id)).containsExactly("removal-deadline:officer-1 2024-03-11");
        assertThat(rowVersions(id)).as("not written again").isEqualTo(rowVersions);

        h.record(hearingScheduled(id, "hearing-1", HearingKind.IMMUNITY, new Proceeding(ProceedingKind.IMMUNITY_CLAIM, "claim-1"),
                D_IDAHO, LocalDate.parse("2031-04-15"), "2024-02-20"));
        awaitProjected(h);
        assertThat(entries(id)).containsExactly("hearing:hearing-1 2031-04-15", "removal-deadline:officer-1 2024-03-11");

        h.record(closed(id, CaseOutcome.DISMISSED, "2024-03-01"));
        awaitProjected(h);
        assertThat(entries(id)).isEmpty();
    }

    private List<String> entries(String caseId) {
        return jdbc.queryForList("SELECT entry_key || ' ' || due_on FROM query.calendar_entry WHERE case_id = :id ORDER BY entry_key",
                Map.of("id", caseId), String.class);
    }

    /** The transactions that wrote the case's calendar rows (PostgreSQL's xmin): a rewrite changes them. */
    private List<String> rowVersions(String caseId) {
        return jdbc.queryForList("SELECT xmin::text FROM query.calendar_entry WHERE case_id = :id ORDER BY entry_key",
                Map.of("id", caseId), String.class);
    }
}
