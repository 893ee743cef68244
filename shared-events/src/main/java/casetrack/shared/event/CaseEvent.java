package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;

import java.util.List;

/**
 * One recorded step of a case. Events are immutable and never rewritten; when an event's shape
 * changes, its {@code @Revision} goes up and an upcaster reads the old form.
 * When it entered the record, who recorded it and why live in the event's metadata
 * (see {@link MetadataKeys}).
 */
public interface CaseEvent {
    String caseId();

    PartialDate occurredOn();

    List<Source> sources();

    String note();

    String dateConflict();
}
