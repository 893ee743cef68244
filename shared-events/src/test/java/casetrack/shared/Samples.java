package casetrack.shared;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import casetrack.shared.value.PartialDate;

/** Builds a valid instance of any message record, every component filled, for contract tests. */
public final class Samples {

    private Samples() {
    }

    public static <T> T of(Class<T> type) {
        return type.cast(value(type, type, "sample"));
    }

    private static Object value(Type generic, Class<?> raw, String name) {
        if (raw == String.class) {
            return switch (name) {
                case "state" -> "ID";
                case "entryId" -> UUID.nameUUIDFromBytes("entry".getBytes()).toString();
                case "url" -> "https://example.org/source";
                default -> name.endsWith("Id") ? name.toLowerCase() + "-1" : "sample " + name;
            };
        }
        if (raw == PartialDate.class) {
            return PartialDate.parse("1998-05-14");
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(1998, 6, 1);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == int.class || raw == Integer.class) {
            return 1;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> elementRaw = element instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) element;
            String singular = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
            return List.of(value(element, elementRaw, singular));
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = value(components[i].getGenericType(), components[i].getType(), components[i].getName());
            }
            try {
                return raw.getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + raw, e);
            }
        }
        throw new IllegalArgumentException("no sample for " + raw + " (" + name + ")");
    }
}
