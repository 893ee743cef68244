package casetrack.query.web;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import casetrack.shared.command.CaseCommand;
import casetrack.shared.command.CommandCatalog;
import casetrack.shared.value.PartialDate;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the editor pages need to draw a form per command: each command's fields (from its record in
 * the shared contract, so a new field shows up without touching the pages) and where to post.
 */
@RestController
public class CommandForms {

    private final String commandUrl;
    private final int commandPort;

    public CommandForms(@Value("${casetrack.web.command-url:}") String commandUrl,
                        @Value("${casetrack.web.command-port:8081}") int commandPort) {
        this.commandUrl = commandUrl;
        this.commandPort = commandPort;
    }

    /** {@code kind}: text, partialDate, date, enum, number, boolean, textList or json (an object or a list of objects). */
    public record FormField(String name, String kind, boolean required, List<String> values, Object example) {
    }

    public record CommandForm(String command, List<FormField> fields) {
    }

    /** {@code commandUrl} empty: the page posts to its own host at {@code commandPort}. */
    public record EditorSetup(String commandUrl, int commandPort, List<CommandForm> commands) {
    }

    @GetMapping("/api/web/editor")
    public EditorSetup editor() {
        List<CommandForm> forms = CommandCatalog.ALL.stream().map(CommandForms::form).toList();
        return new EditorSetup(commandUrl == null || commandUrl.isBlank() ? null : commandUrl, commandPort, forms);
    }

    static CommandForm form(Class<? extends CaseCommand> type) {
        List<FormField> fields = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals("caseId") && !type.getSimpleName().equals("OpenCase")) {
                continue; // the case is chosen on the page
            }
            fields.add(field(type, c));
        }
        return new CommandForm(type.getSimpleName(), fields);
    }

    private static FormField field(Class<?> owner, RecordComponent c) {
        boolean required = required(owner, c.getName());
        Class<?> raw = c.getType();
        if (raw == String.class) {
            return new FormField(c.getName(), "text", required, null, null);
        }
        if (raw == PartialDate.class) {
            return new FormField(c.getName(), "partialDate", required, null, null);
        }
        if (raw == LocalDate.class) {
            return new FormField(c.getName(), "date", required, null, null);
        }
        if (raw.isEnum()) {
            return new FormField(c.getName(), "enum", required,
                    Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList(), null);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new FormField(c.getName(), "boolean", false, null, null);
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return new FormField(c.getName(), "number", required || raw.isPrimitive(), null, null);
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            Class<?> elementClass = rawOf(element);
            if (elementClass == String.class) {
                return new FormField(c.getName(), "textList", required, null, null);
            }
            return new FormField(c.getName(), "json", required, null, List.of(example(elementClass)));
        }
        return new FormField(c.getName(), "json", required, null, example(raw));
    }

    private static Class<?> rawOf(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    /** A skeleton of a value object, its enums shown as their choices, for the editor to fill in. */
    static Object example(Class<?> type) {
        if (type == String.class) {
            return "";
        }
        if (type.isEnum()) {
            return String.join("|", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == PartialDate.class) {
            return "YYYY-MM-DD";
        }
        if (!type.isRecord()) {
            return "";
        }
        Map<String, Object> example = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            example.put(c.getName(), example(c.getType()));
        }
        return example;
    }

    private static boolean required(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            return f.isAnnotationPresent(NotNull.class) || f.isAnnotationPresent(NotBlank.class)
                    || f.isAnnotationPresent(NotEmpty.class)
                    || f.getAnnotatedType().isAnnotationPresent(NotNull.class)
                    || f.getAnnotatedType().isAnnotationPresent(NotBlank.class)
                    || f.getAnnotatedType().isAnnotationPresent(NotEmpty.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
