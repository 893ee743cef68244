package casetrack.command.cases;

import casetrack.shared.event.CaseEvent;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One recorded step of the case as the aggregate remembers it: the event's id (what corrections and
 * retractions name), the event itself, and whether a later entry retracted it.
 */
record Entry(
        String id,
        @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@type") CaseEvent event,
        boolean retracted) {

    Entry asRetracted() {
        return new Entry(id, event, true);
    }

    String describe() {
        return event.getClass().getSimpleName() + " " + id;
    }
}
