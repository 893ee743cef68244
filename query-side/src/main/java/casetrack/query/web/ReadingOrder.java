package casetrack.query.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import casetrack.query.cases.TimelineStep;
import casetrack.shared.value.PartialDate;

/**
 * The order a reader follows. By date of occurrence, except that a step known only to the month or
 * the year is not put before a step recorded ahead of it whose date falls inside that month or year:
 * an appeal dated "1998" comes after the ruling of 14 May 1998 it appeals, not on 1 January.
 */
final class ReadingOrder {

    private ReadingOrder() {
    }

    static List<TimelineStep> of(List<TimelineStep> steps) {
        List<TimelineStep> byRecording = new ArrayList<>(steps);
        byRecording.sort(Comparator.comparingLong(TimelineStep::sequence));
        Map<String, LocalDate> placedOn = new HashMap<>();
        LocalDate previous = null;
        for (TimelineStep step : byRecording) {
            PartialDate date = PartialDate.parse(step.occurredOn());
            LocalDate placed = date.earliest();
            if (previous != null && !previous.isBefore(date.earliest()) && !previous.isAfter(date.latest())) {
                placed = previous;
            }
            placedOn.put(step.eventId(), placed);
            previous = placed;
        }
        List<TimelineStep> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.comparing((TimelineStep s) -> placedOn.get(s.eventId())).thenComparingLong(TimelineStep::sequence));
        return ordered;
    }
}
