package casetrack.shared.event;

/**
 * How readers of the event store learn that events were appended: a PostgreSQL NOTIFY on
 * {@link #CHANNEL} once the appending transaction has committed. The event table's trigger
 * (migrations V3 and V1002 in {@code db/events}) sends it for any writer, unless the writer's session sets
 * {@link #WRITER_NOTIFIES} to {@code on}: then the writer sends it itself, after its commit and
 * outside its transaction (a NOTIFY inside one serializes every notifying commit behind one lock).
 */
public final class AppendNotices {

    /** The channel the query side LISTENs on; the payload is empty. */
    public static final String CHANNEL = "casetrack_events";

    /** The session setting by which a writer takes the notice on itself. */
    public static final String WRITER_NOTIFIES = "casetrack.notify_after_commit";

    private AppendNotices() {
    }
}
