package casetrack.query.cases;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of a case's timeline, with the corrected and retracted marks. */
public record TimelineStep(String eventId, long sequence, long globalIndex, String type, String occurredOn,
                           String precision, String summary, JsonNode sources, String note, String dateConflict,
                           Instant recordedAt, String recordedBy, String correlationId, String commandName,
                           boolean corrected, Correction correction, boolean retracted, Retraction retraction) {

    /** Why and by which entry a row was corrected, and what it said before ("see original"). */
    public record Correction(String reason, String correctedBy, String originalOccurredOn, JsonNode originalSources,
                             String originalNote) {
    }

    public record Retraction(String reason, String retractedBy) {
    }
}
