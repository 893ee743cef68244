package casetrack.command.http;

import java.util.List;

/** The request cannot be a command: malformed JSON, an unknown field, or fields that break their constraints. */
public class InvalidRequest extends RuntimeException {

    /** One field and what is wrong with it; {@code field} is a JSON path such as {@code sources[0].url}. */
    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidRequest(String detail, List<FieldProblem> problems) {
        super(detail);
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequest field(String field, String message) {
        return new InvalidRequest(field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
