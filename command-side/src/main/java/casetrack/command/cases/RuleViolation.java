package casetrack.command.cases;

/**
 * A command broke a consistency rule of the record: it is refused and writes nothing.
 * {@code rule} is a stable, kebab-case name (e.g. {@code appeal-must-be-filed}); the message is a
 * sentence an editor can act on.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;
    private final Long decidedAtVersion;

    public RuleViolation(String rule, String message) {
        this(rule, message, null);
    }

    private RuleViolation(String rule, String message, Long decidedAtVersion) {
        super(message);
        this.rule = rule;
        this.decidedAtVersion = decidedAtVersion;
    }

    public String rule() {
        return rule;
    }

    /** The version of the case the refusal was decided on (null if not known, e.g. before it existed). */
    public Long decidedAtVersion() {
        return decidedAtVersion;
    }

    RuleViolation decidedAt(long version) {
        RuleViolation refusal = new RuleViolation(rule, getMessage(), version);
        refusal.setStackTrace(getStackTrace());
        return refusal;
    }
}
