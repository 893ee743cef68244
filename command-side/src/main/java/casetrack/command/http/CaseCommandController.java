package casetrack.command.http;

import casetrack.command.cases.CommandResult;
import casetrack.command.cases.RuleViolation;
import casetrack.command.store.CaseCommandTargetResolver;
import casetrack.shared.command.CaseCommand;
import casetrack.shared.command.CommandCatalog;
import casetrack.shared.command.OpenCase;
import casetrack.shared.event.MetadataKeys;
import casetrack.shared.value.Ids;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command API: {@code POST /api/cases} opens a case, {@code POST /api/cases/{caseId}/commands/{name}}
 * records any other step. Each answers the case's new version and the ids of the events written.
 */
@RestController
@RequestMapping(path = "/api/cases", produces = MediaType.APPLICATION_JSON_VALUE)
public class CaseCommandController {

    private static final Pattern IF_MATCH = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final CommandReader reader;
    private final IdempotencyKeys idempotencyKeys;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxBodyBytes;

    public CaseCommandController(CommandGateway commands, EventStore eventStore, CommandReader reader,
                                 IdempotencyKeys idempotencyKeys, TransactionTemplate transaction, ObjectMapper json,
                                 Optional<Clock> clock, @Value("${casetrack.max-body-bytes:262144}") int maxBodyBytes) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.reader = reader;
        this.idempotencyKeys = idempotencyKeys;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock.orElse(Clock.systemUTC());
        this.maxBodyBytes = maxBodyBytes;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CommandResult> openCase(@RequestBody String body,
                                                  @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                  @RequestHeader(name = "X-Correlation-Id", required = false) String correlationId,
                                                  HttpServletRequest request) {
        ObjectNode fields = reader.readObject(limited(body));
        if (!fields.hasNonNull("caseId")) {
            fields.put("caseId", UUID.randomUUID().toString());
        }
        OpenCase command = reader.toCommand(fields, OpenCase.class);
        return record(new Request(command, "OpenCase", null, idempotencyKey, correlationId, hash("OpenCase", body), request),
                HttpStatus.CREATED);
    }

    @PostMapping(path = "/{caseId}/commands/{commandName}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CommandResult> recordStep(@PathVariable String caseId, @PathVariable String commandName,
                                                    @RequestBody String body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                    @RequestHeader(name = "X-Correlation-Id", required = false) String correlationId,
                                                    HttpServletRequest request) {
        if (!caseId.matches(Ids.PATTERN)) {
            throw new NoSuchCase(caseId);
        }
        Class<? extends CaseCommand> type = CommandCatalog.byName(commandName)
                .filter(t -> t != OpenCase.class)
                .orElseThrow(() -> new UnknownCommand(commandName));
        ObjectNode fields = reader.readObject(limited(body));
        if (fields.hasNonNull("caseId") && !caseId.equals(fields.get("caseId").asText())) {
            throw InvalidRequest.field("caseId", "differs from the case in the path; leave it out of the body");
        }
        fields.put("caseId", caseId);
        CaseCommand command = reader.toCommand(fields, type);
        Long expectedVersion = parseIfMatch(ifMatch);
        return record(new Request(command, commandName, expectedVersion, idempotencyKey, correlationId,
                hash(caseId + "/" + commandName, body), request), HttpStatus.OK);
    }

    private record Request(CaseCommand command, String commandName, Long expectedVersion, String idempotencyKey,
                           String correlationId, String requestHash, HttpServletRequest http) {
    }

    private ResponseEntity<CommandResult> record(Request r, HttpStatus success) {
        if (r.idempotencyKey() == null) {
            return answer(dispatch(r), success);
        }
        if (!IDEMPOTENCY_KEY.matcher(r.idempotencyKey()).matches()) {
            throw new InvalidRequest("The Idempotency-Key header must be 1-200 visible ASCII characters.", java.util.List.of(
                    new InvalidRequest.FieldProblem("Idempotency-Key", "must be 1-200 visible ASCII characters")));
        }
        return transaction.execute(status -> {
            Optional<IdempotencyKeys.StoredAnswer> earlier =
                    idempotencyKeys.claim(r.idempotencyKey(), r.requestHash(), r.command().caseId());
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(r.requestHash())) {
                    throw new IdempotencyKeyReused(r.idempotencyKey());
                }
                return replay(earlier.get());
            }
            CommandResult result = dispatch(r);
            idempotencyKeys.remember(r.idempotencyKey(), success.value(), write(result));
            return answer(result, success);
        });
    }

    private CommandResult dispatch(Request r) {
        if (r.expectedVersion() != null) {
            long current = eventStore.lastSequenceNumberFor(r.command().caseId())
                    .orElseThrow(() -> new NoSuchCase(r.command().caseId()));
            if (current != r.expectedVersion()) {
                throw new VersionMismatch(r.command().caseId(), r.expectedVersion(), current);
            }
        }
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(MetadataKeys.RECORDED_BY, recorder(r.http()));
        metaData.put(MetadataKeys.RECORDED_AT, Instant.now(clock).toString());
        metaData.put(MetadataKeys.COMMAND_NAME, r.commandName());
        metaData.put(MetadataKeys.CORRELATION_ID, r.correlationId() != null && CORRELATION_ID.matcher(r.correlationId()).matches()
                ? r.correlationId() : UUID.randomUUID().toString());
        if (r.expectedVersion() != null) {
            metaData.put(CaseCommandTargetResolver.EXPECTED_VERSION, r.expectedVersion());
        }
        GenericCommandMessage<CaseCommand> message = new GenericCommandMessage<>(r.command(), MetaData.from(metaData));
        try {
            return commands.sendAndWait(message);
        } catch (RuntimeException e) {
            if (!decidedOnAnOutdatedCopy(e, r.command().caseId())) {
                throw e;
            }
            // another node recorded a step since this node cached the case; the refusal evicted the copy,
            // so this loads the case as stored and decides again
            return commands.sendAndWait(message);
        }
    }

    /** A refusal decided on a version of the case that is no longer its latest in the store. */
    private boolean decidedOnAnOutdatedCopy(RuntimeException e, String caseId) {
        RuleViolation refusal = e instanceof RuleViolation r ? r
                : e.getCause() instanceof RuleViolation r ? r : null;
        if (refusal == null || refusal.decidedAtVersion() == null) {
            return false;
        }
        return eventStore.lastSequenceNumberFor(caseId).map(stored -> stored != refusal.decidedAtVersion().longValue())
                .orElse(false);
    }

    private static String recorder(HttpServletRequest request) {
        return request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : "anonymous";
    }

    private ResponseEntity<CommandResult> answer(CommandResult result, HttpStatus status) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).eTag("\"" + result.version() + "\"");
        if (status == HttpStatus.CREATED) {
            builder.location(URI.create("/api/cases/" + result.caseId()));
        }
        return builder.body(result);
    }

    private ResponseEntity<CommandResult> replay(IdempotencyKeys.StoredAnswer earlier) {
        try {
            CommandResult result = json.readValue(earlier.response(), CommandResult.class);
            return ResponseEntity.status(earlier.status()).header("Idempotent-Replayed", "true")
                    .eTag("\"" + result.version() + "\"").body(result);
        } catch (Exception e) {
            throw new IllegalStateException("stored idempotent answer is unreadable", e);
        }
    }

    private String write(CommandResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String limited(String body) {
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            throw new BodyTooLarge(maxBodyBytes);
        }
        return body;
    }

    private static Long parseIfMatch(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Matcher m = IF_MATCH.matcher(ifMatch);
        if (!m.matches()) {
            throw new InvalidRequest("If-Match must be the case version as an entity tag, e.g. \"3\".",
                    java.util.List.of(new InvalidRequest.FieldProblem("If-Match", "must be a version number such as \"3\"")));
        }
        return Long.valueOf(m.group(1));
    }

    private static String hash(String target, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(target.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static class NoSuchCase extends RuntimeException {
        NoSuchCase(String caseId) {
            super("No case with id '" + caseId + "' exists.");
        }
    }

    static class UnknownCommand extends RuntimeException {
        UnknownCommand(String name) {
            super("There is no command named '" + name + "'. Open a case with POST /api/cases; the other commands are: "
                    + String.join(", ", CommandCatalog.names().stream().filter(n -> !n.equals("OpenCase")).toList()) + ".");
        }
    }

    static class VersionMismatch extends RuntimeException {
        final long current;

        VersionMismatch(String caseId, long expected, long current) {
            super("Case '" + caseId + "' is at version " + current + ", not " + expected
                    + " as If-Match says: someone recorded a step since you read it. Reload and try again.");
            this.current = current;
        }
    }

    static class IdempotencyKeyReused extends RuntimeException {
        IdempotencyKeyReused(String key) {
            super("The Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new request.");
        }
    }

    static class BodyTooLarge extends RuntimeException {
        BodyTooLarge(int max) {
            super("The request body is larger than " + max + " bytes.");
        }
    }
}
