package com.vocelio.live;

import com.vocelio.platform.rest.JsonBodies;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A message a socket client sent. Its text is judged as strictly as a request body (one JSON object, nothing after it,
 * no control characters, bounded nesting and numbers: {@link JsonBodies#message}); its fields are read as leniently as
 * the portal's clients write them: a field may be at the top or in {@code payload}, under any of its spellings
 * ({@code token}, {@code access_token}, {@code accessToken}; {@code since}, {@code last_event_id}), a number or a
 * string.
 */
record ClientMessage(JsonObject message, JsonObject payload) {

    /**
     * @throws com.vocelio.platform.boundary.BusinessException {@code INVALID} when the text is no such JSON object
     */
    static ClientMessage read(String text) {
        JsonObject message = JsonBodies.message(text);
        JsonObject payload = message.get("payload") instanceof JsonObject inner ? inner : JsonValue.EMPTY_JSON_OBJECT;
        return new ClientMessage(message, payload);
    }

    String type() {
        return message.get("type") instanceof JsonString value ? value.getString() : "";
    }

    /** The event id the client resumes after, if it names one. */
    Long since() {
        return eventId(firstText("since", "last_event_id"));
    }

    String token() {
        return firstText("token", "access_token", "accessToken");
    }

    /** The channels it names, in lower case, in order, once each. */
    List<String> channels() {
        var channels = new LinkedHashSet<String>();
        for (JsonObject source : List.of(message, payload)) {
            String one = source.get("channel") instanceof JsonString value ? value.getString() : "";
            if (!one.isEmpty()) {
                channels.add(one.toLowerCase(Locale.ROOT));
            }
            if (source.get("channels") instanceof JsonArray many) {
                many.getValuesAs(JsonValue.class).stream()
                        .filter(JsonString.class::isInstance)
                        .map(v -> ((JsonString) v).getString().toLowerCase(Locale.ROOT))
                        .forEach(channels::add);
            }
        }
        return List.copyOf(channels);
    }

    /** The department ids or lower-case names its {@code filters} limit it to; empty for all. */
    Set<String> departments() {
        return filter("department", "department_id", "departments", "department_ids");
    }

    /** The contact list ids its {@code filters} limit the {@code contacts} channel to; empty for all. */
    Set<String> lists() {
        return filter("listId", "list_id", "listIds", "list_ids");
    }

    /** The values, in lower case, of any of these keys of its {@code filters} (one text or an array of texts). */
    private Set<String> filter(String... keys) {
        JsonObject filters = message.get("filters") instanceof JsonObject f
                ? f
                : payload.get("filters") instanceof JsonObject pf ? pf : JsonValue.EMPTY_JSON_OBJECT;
        var values = new LinkedHashSet<String>();
        for (String key : keys) {
            JsonValue value = filters.get(key);
            if (value instanceof JsonString one) {
                values.add(one.getString().strip().toLowerCase(Locale.ROOT));
            } else if (value instanceof JsonArray many) {
                many.getValuesAs(JsonValue.class).stream()
                        .filter(JsonString.class::isInstance)
                        .map(v -> ((JsonString) v).getString().strip().toLowerCase(Locale.ROOT))
                        .forEach(values::add);
            }
        }
        return Set.copyOf(values);
    }

    private String firstText(String... keys) {
        for (JsonObject source : List.of(message, payload)) {
            for (String key : keys) {
                JsonValue value = source.get(key);
                if (value instanceof JsonString text && !text.getString().isBlank()) {
                    return text.getString();
                }
                if (value != null && value.getValueType() == JsonValue.ValueType.NUMBER) {
                    return value.toString();
                }
            }
        }
        return null;
    }

    /** An event id; null for none, a negative one or anything that is not a number. */
    static Long eventId(String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            return id < 0 ? null : id;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
