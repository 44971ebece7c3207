package com.vocelio.contact.boundary;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a JSON body by their camelCase name (the contact guide's) or its snake_case twin (the
 * priority guide's rows), so either client is understood. A value of the wrong type is a 400 naming the field; an
 * absent field or a JSON null is {@code null}: on update it keeps what is there.
 */
public final class Fields {

    private Fields() {}

    public static String text(JsonObject body, String name) {
        JsonValue value = value(body, name);
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> value.toString(); // a zip or a phone typed as a number
            default -> throw BusinessException.invalid(name, "must be a string");
        };
    }

    public static List<String> texts(JsonObject body, String name) {
        JsonValue value = value(body, name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) { // "vip, new" as the query-string form sends it
            return commaSeparated(((JsonString) value).getString());
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw BusinessException.invalid(name, "must be an array of strings");
        }
        var texts = new ArrayList<String>();
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw BusinessException.invalid(name, "must be an array of strings");
            }
            texts.add(((JsonString) item).getString());
        }
        return texts;
    }

    public static JsonObject object(JsonObject body, String name) {
        JsonValue value = value(body, name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw BusinessException.invalid(name, "must be a JSON object");
        }
        return value.asJsonObject();
    }

    public static Boolean bool(JsonObject body, String name) {
        JsonValue value = value(body, name);
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            case STRING ->
                switch (((JsonString) value).getString().strip()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw BusinessException.invalid(name, "must be true or false");
                };
            default -> throw BusinessException.invalid(name, "must be true or false");
        };
    }

    public static List<String> commaSeparated(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.split(",")).stream()
                .map(String::strip)
                .filter(tag -> !tag.isEmpty())
                .toList();
    }

    private static JsonValue value(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null) {
            value = body.get(snakeCase(name));
        }
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
