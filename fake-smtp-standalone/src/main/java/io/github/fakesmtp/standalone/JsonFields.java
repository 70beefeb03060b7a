package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON object field by field, naming each bad field by its path ({@code reply.code},
 * {@code faults[0].phase}). {@link #rejectOthers()} refuses fields nobody read, so a typo such as
 * {@code "adress"} is an error rather than a rule that silently matches every address.
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** @param path where the object sits, empty for the request body itself */
    static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw Problem.badField(path.isEmpty() ? "body" : path,
                    (path.isEmpty() ? "the request body" : path) + " must be a JSON object");
        }
        return new JsonFields(node, path);
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        known.add(name);
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** @return the value, or null when absent or JSON null */
    JsonNode get(String name) {
        known.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String string(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw Problem.badField(path(name), path(name) + " must be a string, was " + value);
        }
        return value.asText();
    }

    Integer integer(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw Problem.badField(path(name), path(name) + " must be a whole number, was " + value);
        }
        return value.intValue();
    }

    Long longValue(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw Problem.badField(path(name), path(name) + " must be a whole number, was " + value);
        }
        return value.longValue();
    }

    Double number(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw Problem.badField(path(name), path(name) + " must be a number, was " + value);
        }
        return value.doubleValue();
    }

    Boolean bool(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw Problem.badField(path(name), path(name) + " must be true or false, was " + value);
        }
        return value.booleanValue();
    }

    Duration duration(String name) {
        JsonNode value = get(name);
        return value == null ? null : Durations.parse(value, path(name));
    }

    /** A string or an array of strings. */
    List<String> strings(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        List<String> result = new ArrayList<>();
        if (value.isTextual()) {
            result.add(value.asText());
            return result;
        }
        if (!value.isArray()) {
            throw Problem.badField(path(name), path(name) + " must be a string or an array of strings, was " + value);
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw Problem.badField(path(name) + "[" + i + "]", path(name) + "[" + i + "] must be a string, was " + value.get(i));
            }
            result.add(value.get(i).asText());
        }
        return result;
    }

    /** Refuses every field no one asked for. */
    void rejectOthers() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw Problem.badField(path(name), "unknown field '" + path(name) + "'; the fields here are " + known);
            }
        }
    }
}
