package casetrack.query.web;

import java.util.List;

import casetrack.query.cases.TimelineStep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingOrderTest {

    private static TimelineStep step(long sequence, String on, String summary) {
        return new TimelineStep("e" + sequence, sequence, sequence, "Step", on, null, summary, null, null, null, null, null,
                null, null, false, null, false, null);
    }

    @Test
    void aStepKnownOnlyToTheYearComesAfterTheStepItFollowsInThatYear() {
        List<TimelineStep> byOccurrence = List.of(
                step(0, "1998-01-07", "bound over"),
                step(3, "1998", "appeal filed"),          // earliest possible day: 1 Jan 1998
                step(1, "1998-01-12", "removal allowed"),
                step(2, "1998-05-14", "immunity granted"),
                step(4, "2000-06-14", "panel affirms"));

        assertThat(ReadingOrder.of(byOccurrence)).extracting(TimelineStep::summary)
                .containsExactly("bound over", "removal allowed", "immunity granted", "appeal filed", "panel affirms");
    }

    @Test
    void preciseDatesKeepTheirOrderWhateverTheRecordingOrder() {
        List<TimelineStep> backfilled = List.of(step(1, "1990-01-01", "earlier, recorded later"), step(0, "1995-03", "later"));
        assertThat(ReadingOrder.of(backfilled)).extracting(TimelineStep::summary)
                .containsExactly("earlier, recorded later", "later");
    }

    @Test
    void aMonthStepIsNotPulledPastItsOwnMonth() {
        List<TimelineStep> steps = List.of(step(0, "1998-03-01", "in March"), step(1, "1998-01", "in January"));
        assertThat(ReadingOrder.of(steps)).extracting(TimelineStep::summary).containsExactly("in January", "in March");
    }
}
