package casetrack.shared.event;

/** The metadata every stored event carries, written by the command side and read by the query side. */
public final class MetadataKeys {
    /** The authenticated user who recorded the step. */
    public static final String RECORDED_BY = "recordedBy";
    /** When the step entered the record (ISO-8601 instant, set by the system). */
    public static final String RECORDED_AT = "recordedAt";
    /** Ties together every event caused by one request (the client's X-Correlation-Id, or one made up). */
    public static final String CORRELATION_ID = "correlationId";
    /** The name of the command that caused the event, e.g. {@code FileStateCharge}. */
    public static final String COMMAND_NAME = "commandName";
    /** The id of the command message that caused the event. */
    public static final String COMMAND_ID = "commandId";

    /** SHA-256 over this event and the previous one's hash: see {@code casetrack.shared.audit.HashChain}. */
    public static final String HASH = "hash";
    /** The hash of the case's previous event ({@code HashChain.GENESIS} for the first). */
    public static final String PREVIOUS_HASH = "previousHash";

    private MetadataKeys() {
    }
}
