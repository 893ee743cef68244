package casetrack.command.http;

import casetrack.access.DatabaseOutage;

import casetrack.command.cases.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Every refusal as RFC 9457 {@code application/problem+json}: what kind of problem (its {@code type}),
 * a sentence saying what to do, and for field problems, which field and why. Never a stack trace.
 */
@RestControllerAdvice
public class CommandProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandProblems.class);
    private static final String TYPES = "https://casetrack.org/problems/";

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not a valid command", e.getMessage());
        p.setProperty("errors", e.problems());
        return respond(p);
    }

    @ExceptionHandler(CaseCommandController.BodyTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(CaseCommandController.BodyTooLarge e) {
        return respond(problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large", e.getMessage()));
    }

    @ExceptionHandler(CaseCommandController.NoSuchCase.class)
    ResponseEntity<ProblemDetail> noSuchCase(CaseCommandController.NoSuchCase e) {
        return respond(problem(HttpStatus.NOT_FOUND, "no-such-case", "No such case", e.getMessage()));
    }

    @ExceptionHandler(CaseCommandController.UnknownCommand.class)
    ResponseEntity<ProblemDetail> unknownCommand(CaseCommandController.UnknownCommand e) {
        return respond(problem(HttpStatus.NOT_FOUND, "no-such-command", "No such command", e.getMessage()));
    }

    @ExceptionHandler(CaseCommandController.VersionMismatch.class)
    ResponseEntity<ProblemDetail> versionMismatch(CaseCommandController.VersionMismatch e) {
        ProblemDetail p = problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "The case changed since you read it", e.getMessage());
        p.setProperty("currentVersion", e.current);
        return respond(p);
    }

    @ExceptionHandler(CaseCommandController.IdempotencyKeyReused.class)
    ResponseEntity<ProblemDetail> keyReused(CaseCommandController.IdempotencyKeyReused e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage()));
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> rule(RuleViolation e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated", "The record does not allow this step", e.getMessage());
        p.setProperty("rule", e.rule());
        return respond(p);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "no-such-case", "No such case",
                "No case with id '" + e.getAggregateIdentifier() + "' exists."));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail p = problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "The case changed since you read it",
                "Case '" + e.getAggregateIdentifier() + "' is at version " + e.getActualVersion() + ", not "
                        + e.getExpectedVersion() + " as If-Match says. Reload and try again.");
        p.setProperty("currentVersion", e.getActualVersion());
        return respond(p);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> caseExists(AggregateStreamCreationException e) {
        return respond(problem(HttpStatus.CONFLICT, "case-exists", "A case with this id exists",
                "A case with this id already exists; choose another caseId, or leave it out to get a new one."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentWrite(ConcurrencyException e) {
        return respond(problem(HttpStatus.CONFLICT, "concurrent-write", "Another step was recorded at the same moment",
                "Another step was recorded on this case at the same moment; nothing of yours was written. Reload and try again."));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> wrapped(CommandExecutionException e) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof RuleViolation r) {
            return rule(r);
        }
        if (cause instanceof ConcurrencyException c) {
            return concurrentWrite(c);
        }
        if (cause instanceof InvalidRequest i) {
            return invalid(i);
        }
        return unexpected(e);
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(EventStoreException e) {
        log.error("event store failure", e);
        return unavailable();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.isCause(e)) {
            log.warn("PostgreSQL is unreachable; answered 503: {}", e.toString());
            return unavailable();
        }
        log.error("unexpected failure while recording a step", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The step could not be recorded because of an internal error; nothing was written."));
    }

    /** The database cannot be reached: nothing was written, and the same request will work once it is back. */
    private static ResponseEntity<ProblemDetail> unavailable() {
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "The event store is unavailable",
                "The step could not be stored because the database cannot be reached; nothing was written. "
                        + "Try again in a few seconds.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail p) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        return response;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPES + type));
        p.setTitle(title);
        return p;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
