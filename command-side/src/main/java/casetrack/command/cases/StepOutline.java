package casetrack.command.cases;

import casetrack.shared.event.CaseEvent;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;

import java.util.List;

/**
 * What a case snapshot keeps of a step whose content no rule reads (a statement, a caption change,
 * ...): its kind and its date, which is all the fold reads of it. The event itself stays in the
 * store; only the snapshot, a cache of the fold, leaves its text out.
 */
record StepOutline(String kind, PartialDate occurredOn) implements CaseEvent {

    static CaseEvent of(CaseEvent event) {
        return CaseState.readsOnlyKindAndDate(event) ? new StepOutline(kindOf(event), event.occurredOn()) : event;
    }

    /** The event's kind as the rules name it: its type's simple name, also for an outline. */
    static String kindOf(CaseEvent event) {
        return event instanceof StepOutline outline ? outline.kind() : event.getClass().getSimpleName();
    }

    @Override
    public String caseId() {
        return null;
    }

    @Override
    public List<Source> sources() {
        return List.of();
    }

    @Override
    public String note() {
        return null;
    }

    @Override
    public String dateConflict() {
        return null;
    }
}
