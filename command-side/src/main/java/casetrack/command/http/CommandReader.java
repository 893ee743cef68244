package casetrack.command.http;

import casetrack.shared.EventJson;
import casetrack.shared.command.CaseCommand;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a request body into a valid command, or explains field by field why it cannot.
 * Strict on purpose: unknown fields, unknown enum values, trailing garbage and missing yes/no
 * answers are errors, so a typo never silently records a different step.
 */
@Component
public class CommandReader {

    private final ObjectMapper strict = EventJson.newMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private final Validator validator;

    public CommandReader(Validator validator) {
        this.validator = validator;
    }

    public ObjectNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequest("The request body is empty: send the command's fields as a JSON object.", List.of());
        }
        JsonNode tree;
        try {
            tree = strict.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequest("The request body is not valid JSON: " + e.getOriginalMessage(), List.of());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new InvalidRequest("The request body must be a JSON object with the command's fields.", List.of());
        }
        return object;
    }

    public <C extends CaseCommand> C toCommand(ObjectNode fields, Class<C> type) {
        requireValidText(fields, "");
        requireYesNoAnswers(fields, type);
        C command;
        try {
            command = strict.treeToValue(fields, type);
        } catch (JacksonException e) {
            throw fromJackson(e);
        }
        List<InvalidRequest.FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<C> v : validator.validate(command)) {
            problems.add(new InvalidRequest.FieldProblem(fieldPath(v), v.getMessage()));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(InvalidRequest.FieldProblem::field));
            throw new InvalidRequest(summary(problems), problems);
        }
        return command;
    }

    /**
     * Text must be storable and readable everywhere: a NUL cannot go into a PostgreSQL text column
     * (it would stop the projections at that event), and an unpaired surrogate is not Unicode text.
     */
    private static void requireValidText(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = textProblem(node.textValue());
            if (problem != null) {
                throw InvalidRequest.field(path, problem);
            }
        } else if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                if (textProblem(field.getKey()) != null) {
                    throw InvalidRequest.field(path.isEmpty() ? "(field name)" : path, "has a field name that is not valid text");
                }
                requireValidText(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireValidText(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (U+0000), which cannot be stored";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate, which is not valid Unicode text";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate, which is not valid Unicode text";
            }
        }
        return null;
    }

    /** A missing boolean would silently read as false ("denied"): require it to be said. */
    private static void requireYesNoAnswers(ObjectNode fields, Class<?> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() == boolean.class && (!fields.has(c.getName()) || fields.get(c.getName()).isNull())) {
                throw InvalidRequest.field(c.getName(), "is required (true or false)");
            }
        }
    }

    private static InvalidRequest fromJackson(JacksonException e) {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "is not a field of this command";
            field = field.isEmpty() ? u.getPropertyName() : field;
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            message = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            message = message.replaceAll("\\s*\\n.*", "").replace("casetrack.shared.value.", "").replace("casetrack.shared.command.", "");
        }
        if (field.isEmpty()) {
            return new InvalidRequest("The request body does not fit the command: " + message, List.of());
        }
        return InvalidRequest.field(field, message);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String fieldPath(ConstraintViolation<?> v) {
        // Hibernate Validator writes container elements as "sources[0].<list element>.url"
        return v.getPropertyPath().toString().replace(".<list element>", "").replace("<list element>", "");
    }

    private static String summary(List<InvalidRequest.FieldProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (InvalidRequest.FieldProblem p : problems) {
            sb.append(sb.isEmpty() ? "" : "; ").append(p.field()).append(": ").append(p.message());
        }
        return sb.toString();
    }
}
