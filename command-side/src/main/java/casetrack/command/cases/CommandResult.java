package casetrack.command.cases;

import java.util.List;

/**
 * What recording a step produced: the case, its version after the step (the sequence number of its
 * last event, starting at 0), and the ids of the events the step wrote.
 */
public record CommandResult(String caseId, long version, List<String> eventIds) {
}
