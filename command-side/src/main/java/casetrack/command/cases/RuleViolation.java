package casetrack.command.cases;

/**
 * A command broke a consistency rule of the record: it is refused and writes nothing.
 * {@code rule} is a stable, kebab-case name (e.g. {@code appeal-must-be-filed}); the message is a
 * sentence an editor can act on.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;

    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
