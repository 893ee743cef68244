package casetrack.query.live;

/** A case's projection reached a new version; {@code type} is the step that moved it. */
public record CaseChange(String caseId, long version, String type) {
}
