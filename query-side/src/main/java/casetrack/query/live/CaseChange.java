package casetrack.query.live;

import java.time.Instant;

/**
 * A case's projection reached a new version; {@code type} is the step that moved it and
 * {@code recordedAt} when that step was recorded (as the summary stores it, to the microsecond).
 */
public record CaseChange(String caseId, long version, String type, Instant recordedAt) {

    public CaseChange(String caseId, long version, String type) {
        this(caseId, version, type, null);
    }
}
