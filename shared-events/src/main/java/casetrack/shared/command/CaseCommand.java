package casetrack.shared.command;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;

import java.util.List;

/**
 * A request to record one step of a case. Every step says when it happened in the world
 * ({@code occurredOn}), the sources that support it, an optional note, and how sources disagree
 * on its date, if they do ({@code dateConflict}).
 */
public interface CaseCommand {
    String caseId();

    PartialDate occurredOn();

    List<Source> sources();

    String note();

    String dateConflict();
}
